using System.Collections.Concurrent;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>
/// Reads registrations from their grains. Parsed certificates are kept per (entityID, version), so a changed
/// registration is parsed once and an unchanged one never again.
/// </summary>
internal sealed class ServiceProviderCatalog(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, RegisteredServiceProvider> _parsed = new(StringComparer.Ordinal);

    /// <summary>The enabled registration for <paramref name="entityId"/>, or null.</summary>
    public async Task<RegisteredServiceProvider?> FindAsync(string entityId)
    {
        var registration = await grains.GetGrain<IServiceProviderGrain>(entityId).GetAsync();
        if (registration is null || !registration.Enabled)
        {
            return null;
        }

        if (_parsed.TryGetValue(entityId, out var known) && known.Registration.Version == registration.Version)
        {
            return known;
        }

        var parsed = RegisteredServiceProvider.From(registration);
        _parsed[entityId] = parsed;
        return parsed;
    }

    /// <summary>
    /// The enabled registration of the SP that issued a received message; an unknown or disabled one is refused with
    /// <see cref="SamlErrorCode.IssuerUnknown"/> (an error page, never an answer to an unverified address).
    /// </summary>
    public async Task<RegisteredServiceProvider> FindIssuerAsync(string issuer) =>
        await FindAsync(issuer)
        ?? throw new SamlException(SamlErrorCode.IssuerUnknown, "The service provider is not registered with the broker.");

    public async Task<ServiceProviderRegistration> RegisterAsync(ServiceProviderRegistration registration)
    {
        var stored = await grains.GetGrain<IServiceProviderGrain>(registration.EntityId).RegisterAsync(registration);
        _parsed.TryRemove(registration.EntityId, out _);
        return stored;
    }
}
