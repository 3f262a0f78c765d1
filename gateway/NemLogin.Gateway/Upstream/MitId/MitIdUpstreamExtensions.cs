using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>Registers MitID as an upstream identity provider. The host must register <see cref="Hosting.IBrokerUrls"/>.</summary>
public static class MitIdUpstreamExtensions
{
    public static IServiceCollection AddMitIdUpstream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MitIdUpstreamOptions>()
            .Bind(configuration.GetSection(MitIdUpstreamOptions.SectionName))
            .PostConfigure(options =>
            {
                // An empty value (an unset variable in docker-compose.yml, say) means unset, not "the empty URL".
                options.Authority = NullIfBlank(options.Authority);
                options.AuthorizationEndpoint = NullIfBlank(options.AuthorizationEndpoint);
                options.ClientSecret = NullIfBlank(options.ClientSecret);

                // Against the embedded simulator the secret is the simulator's own, so the demo needs no configuration.
                if (options.Authority is null && string.IsNullOrEmpty(options.ClientSecret))
                {
                    options.ClientSecret = configuration[$"{MitIdUpstreamOptions.SimulatorSectionName}:ClientSecret"]
                        ?? MitIdUpstreamOptions.SimulatorDevelopmentClientSecret;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MitIdUpstreamOptions>, MitIdUpstreamOptionsValidator>());
        // Logged by Orleans at start-up with the client secret REDACTED.
        services.ConfigureFormatter<MitIdUpstreamOptions>();

        // Hosts and tests may configure this client further (handler, proxy); the defaults bound time and size.
        // Every login's code exchange goes through it: the factory's per-request log handlers are left out (failures are
        // logged by MitIdTokenClient and MitIdMetadataCache themselves, without the URL's query).
        services.AddHttpClient(MitIdMetadataCache.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(15);
            client.MaxResponseContentBufferSize = 256 * 1024;
        }).RemoveAllLoggers();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MitIdAuthority>();
        services.TryAddSingleton<MitIdMetadataCache>();
        services.TryAddSingleton<MitIdTokenClient>();
        services.TryAddSingleton<MitIdIdTokenValidator>();
        services.TryAddSingleton<MitIdUpstreamProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpstreamIdentityProvider, MitIdUpstreamProvider>(
            provider => provider.GetRequiredService<MitIdUpstreamProvider>()));
        return services;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
