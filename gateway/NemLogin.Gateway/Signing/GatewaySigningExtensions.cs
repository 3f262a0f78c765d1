using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NemLogin.Gateway.Signing;

internal static class GatewaySigningExtensions
{
    /// <summary>The published-key caches (signing and encryption keys) and their options.</summary>
    public static IServiceCollection AddNemLoginGatewaySigning(this IServiceCollection services)
    {
        services.AddOptions<GatewaySigningOptions>().BindConfiguration(GatewaySigningOptions.SectionName)
            .Validate(o => o.KeyCacheDuration >= TimeSpan.Zero && o.KeyCacheDuration <= TimeSpan.FromMinutes(10), "Signing:KeyCacheDuration must be between 0 and 10 minutes.")
            .ValidateOnStart();
        services.TryAddSingleton<BrokerSigningKeys>();
        services.TryAddSingleton<BrokerEncryptionKeys>();
        return services;
    }

    /// <summary>503 with Retry-After when the signer pool sheds load or the HSM is recovering. Put it first in the pipeline.</summary>
    public static IApplicationBuilder UseNemLoginSigningUnavailablePage(this IApplicationBuilder app) =>
        app.UseMiddleware<SigningUnavailableMiddleware>();
}
