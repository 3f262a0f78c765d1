using Microsoft.Extensions.Options;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains;
using NemLogin.Saml;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>
/// Reads registrations from their grains and keeps each one, parsed, for <see cref="ServiceProvidersOptions.RegistrationCacheTime"/>
/// (1 s by default): within that time a login step reads no grain, and an unchanged registration (same version) is never
/// parsed again. A change made through this gateway (<see cref="ServiceProviderAdministration"/>, <see cref="RegisterAsync"/>)
/// applies here at once; one made through another gateway applies here within the cache time (docs/architecture.md,
/// "Service provider registrations"). A name taken from a received message is first looked up in the directory (the SPs
/// known here, else the one directory activation), so an unknown issuer activates no grain.
/// </summary>
internal sealed class ServiceProviderCatalog(IGrainFactory grains, IOptions<ServiceProvidersOptions> options, TimeProvider time)
{
    /// <summary>Longest entityID (and any other id) accepted from a message (SAML Core 1.3.1 sets no bound; 1,024 is generous).</summary>
    public const int MaxIdLength = 1024;

    private readonly RegistrationCache<RegisteredServiceProvider> _cache = new(time, options.Value.RegistrationCacheTime);

    /// <summary>The enabled registration for <paramref name="entityId"/>, or null.</summary>
    public async Task<RegisteredServiceProvider?> FindAsync(string entityId)
    {
        if (_cache.TryGetFresh(entityId, out var fresh, out var known))
        {
            return fresh;
        }

        var readBegan = _cache.BeginRead();
        var registration = await grains.Reference<IServiceProviderGrain>(entityId).GetAsync();
        if (registration is null)
        {
            _cache.Remove(entityId);
            return null;
        }

        var provider = !registration.Enabled ? null
            : known is not null && known.Registration.Version == registration.Version ? known
            : RegisteredServiceProvider.From(registration);
        _cache.Store(entityId, provider, readBegan);
        return provider;
    }

    /// <summary>
    /// The enabled registration of the SP that issued a received message; an unknown or disabled one is refused with
    /// <see cref="SamlErrorCode.IssuerUnknown"/> (an error page, never an answer to an unverified address). An issuer that is
    /// too long or not in the directory is refused before any service provider grain is activated.
    /// </summary>
    public async Task<RegisteredServiceProvider> FindIssuerAsync(string? issuer)
    {
        if (string.IsNullOrEmpty(issuer) || issuer.Length > MaxIdLength
            || (!_cache.Contains(issuer) && !await grains.Reference<IServiceProviderDirectoryGrain>(ServiceProviderDirectory.Key).ContainsAsync(issuer)))
        {
            throw new SamlException(SamlErrorCode.IssuerUnknown, "The service provider is not registered with the broker.");
        }

        return await FindAsync(issuer)
            ?? throw new SamlException(SamlErrorCode.IssuerUnknown, "The service provider is not registered with the broker.");
    }

    public async Task<ServiceProviderRegistration> RegisterAsync(ServiceProviderRegistration registration)
    {
        try
        {
            return await grains.Reference<IServiceProviderGrain>(registration.EntityId).RegisterAsync(registration);
        }
        finally
        {
            Forget(registration.EntityId);
        }
    }

    /// <summary>Drops what is kept for <paramref name="entityId"/>: its registration changed (or may have), so the next step reads it.</summary>
    public void Forget(string entityId) => _cache.Forget(entityId);
}
