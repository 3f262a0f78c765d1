using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using NemLogin.Gateway.Organisations;
using NemLogin.Gateway.ServiceProviders;

namespace NemLogin.Gateway.Admin;

internal static class AdminExtensions
{
    /// <summary>The admin API's options (validated at start-up), key check and the SP registry services it drives.</summary>
    public static IServiceCollection AddNemLoginAdmin(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStart();
        // Orleans logs the formatted options at start-up (Information, category Orleans.*): the key shows as REDACTED.
        services.ConfigureFormatter<AdminOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.TryAddSingleton<AdminApiKey>();
        services.AddNemLoginServiceProviderAdministration();
        services.TryAddSingleton<OrganisationAdministration>();
        services.TryAddSingleton<Mandates.MandateAdministration>();
        return services;
    }
}
