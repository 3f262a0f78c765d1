using Microsoft.Extensions.Options;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains;
using NemLogin.Grains.Oidc;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>
/// OpenID Connect client registrations as the gateway reads them: each kept for
/// <see cref="ServiceProvidersOptions.RegistrationCacheTime"/> (1 s by default), like the SAML service providers'
/// (<see cref="ServiceProviderCatalog"/>). Before this an OIDC login read its client nine times (a directory look-up and
/// two reads at each of three requests). A change through this gateway (the admin API, a secret stored again in the current
/// form) applies here at once, through another gateway within the cache time. A client id not known here is looked up in the
/// directory first, so an unknown one activates no client grain.
/// </summary>
internal sealed class OidcClientCatalog(IGrainFactory grains, IOptions<ServiceProvidersOptions> options, TimeProvider time)
{
    private readonly RegistrationCache<OidcClient> _cache = new(time, options.Value.RegistrationCacheTime);

    /// <summary>The registration of <paramref name="clientId"/>, or null when there is none (or the id is malformed).</summary>
    public async Task<OidcClient?> FindAsync(string? clientId)
    {
        if (!OidcClientIds.IsWellFormed(clientId))
        {
            return null;
        }

        if (_cache.TryGetFresh(clientId, out var fresh, out _))
        {
            return fresh;
        }

        var readBegan = _cache.BeginRead();
        var client = _cache.Contains(clientId) || await grains.Reference<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).ContainsAsync(clientId)
            ? await grains.Reference<IOidcClientGrain>(clientId).GetAsync()
            : null;
        if (client is null)
        {
            _cache.Remove(clientId);
            return null;
        }

        _cache.Store(clientId, client, readBegan);
        return client;
    }

    /// <summary>Drops what is kept for <paramref name="clientId"/>: its registration changed (or may have), so the next request reads it.</summary>
    public void Forget(string clientId) => _cache.Forget(clientId);
}
