using NemLogin.Gateway.ItSystems;
using NemLogin.Gateway.SelfService.Mandates;
using NemLogin.Gateway.SelfService.Organisations;

namespace NemLogin.Gateway.SelfService;

internal static class SelfServiceExtensions
{
    /// <summary>The self-service pages' services and the antiforgery tokens their forms carry.</summary>
    public static IServiceCollection AddNemLoginSelfService(this IServiceCollection services)
    {
        services.AddAntiforgery(FormProtection.Configure);
        services.AddSingleton<FormProtection>();
        services.AddSingleton<ItSystemDirectory>();
        services.AddSingleton<AdministeredOrganisations>();
        services.AddSingleton<SelfServiceAuthentication>();
        services.AddSingleton<PersonLookup>();
        services.AddSingleton<MandateViews>();
        services.AddSingleton<MandateChoices>();
        services.AddSingleton<MandatePages>();
        services.AddSingleton<OrganisationViews>();
        services.AddSingleton<OrganisationPages>();
        services.AddSingleton<Pages.IHomeLink, SelfServiceHomeLink>();
        return services;
    }
}
