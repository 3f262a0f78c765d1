using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Saml;

namespace NemLogin.Gateway.Logout;

/// <summary>Single logout: the SLO endpoint's handlers, the logout flow's pages, and their options.</summary>
internal static class SingleLogoutExtensions
{
    public static IServiceCollection AddNemLoginSingleLogout(this IServiceCollection services)
    {
        services.AddOptions<SingleLogoutOptions>().BindConfiguration(SingleLogoutOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SingleLogoutOptions>, SingleLogoutOptionsValidator>());
        services.AddSingleton<LogoutAudit>();
        services.AddSingleton<SloMessenger>();
        services.AddSingleton<SessionLocator>();
        services.AddSingleton<InitiatorResponder>();
        services.AddSingleton<LogoutStarter>();
        services.AddSingleton<LogoutProgress>();
        services.AddSingleton<LogoutPropagation>();
        services.AddSingleton<SloRequestHandler>();
        services.AddSingleton<SloResponseHandler>();
        services.AddSingleton<SloEndpoint>();
        services.AddSingleton<IHomeLink, LogoutHomeLink>();
        return services;
    }
}
