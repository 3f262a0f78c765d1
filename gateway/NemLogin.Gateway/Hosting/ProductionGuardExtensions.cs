using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NemLogin.Gateway.Oidc;
using NemLogin.Gateway.Production;
using NemLogin.Gateway.Upstream.MitId;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// Production guards (README): outside the Development environment the broker refuses to start with the MitID
/// simulator as upstream (or none), the simulator's development secret, the demo parts, an http public address, or no
/// key for OIDC client secrets. Each
/// refusal names its setting; all are reported at once with the other start-up checks. The demo parts bring their own
/// guard (NemLogin.Demo, <c>AddNemLoginDemo</c>). (The cluster silo's refusal of a
/// software signing key is <c>AddNemLoginClusterSigningPolicy</c>.)
/// </summary>
public static class ProductionGuardExtensions
{
    public static IServiceCollection AddNemLoginProductionGuards(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MitIdUpstreamOptions>, UpstreamProductionGuard>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOptions>, PublicUrlProductionGuard>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OidcServerOptions>, ClientSecretKeyProductionGuard>());
        return services;
    }
}
