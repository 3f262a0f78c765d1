using NemLogin.Grains.Oidc;
using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Grains.Rights;

/// <summary>Whether an IT system is registered: a SAML SP by entityID or an OpenID Connect client by client id.</summary>
internal static class ItSystems
{
    public static async Task<bool> IsRegisteredAsync(IGrainFactory grains, ItSystem system) => system.Kind switch
    {
        ItSystemKind.Saml => await grains.Reference<IServiceProviderGrain>(system.Id).GetAsync() is not null,
        ItSystemKind.Oidc => await grains.Reference<IOidcClientGrain>(system.Id).GetAsync() is not null,
        _ => false,
    };
}
