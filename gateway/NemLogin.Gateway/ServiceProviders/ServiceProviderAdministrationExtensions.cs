using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.ServiceProviders;

internal static class ServiceProviderAdministrationExtensions
{
    /// <summary>Changing the SP registry at run time: administration, metadata fetching (bounded, no redirects) and the periodic refresh.</summary>
    public static IServiceCollection AddNemLoginServiceProviderAdministration(this IServiceCollection services)
    {
        services.AddOptions<ServiceProvidersOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServiceProvidersOptions>, ServiceProvidersOptionsValidator>());
        services.AddHttpClient(MetadataFetcher.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.MaxResponseContentBufferSize = MetadataFetcher.MaxBytes;
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<MetadataFetcher>();
        services.TryAddSingleton<ServiceProviderAdministration>();
        services.TryAddSingleton<MetadataRefreshService>();
        services.AddHostedService(sp => sp.GetRequiredService<MetadataRefreshService>());
        return services;
    }
}
