using System.Collections.Concurrent;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>
/// Reads registrations from their grains. Parsed certificates are kept per (entityID, version), so a changed
/// registration is parsed once and an unchanged one never again. A name taken from a received message is first looked up
/// in the directory (the SPs known here, else the one directory activation), so an unknown issuer activates no grain.
/// </summary>
internal sealed class ServiceProviderCatalog(IGrainFactory grains)
{
    /// <summary>Longest entityID (and any other id) accepted from a message (SAML Core 1.3.1 sets no bound; 1,024 is generous).</summary>
    public const int MaxIdLength = 1024;

    private readonly ConcurrentDictionary<string, RegisteredServiceProvider> _parsed = new(StringComparer.Ordinal);

    /// <summary>The enabled registration for <paramref name="entityId"/>, or null.</summary>
    public async Task<RegisteredServiceProvider?> FindAsync(string entityId)
    {
        var registration = await grains.GetGrain<IServiceProviderGrain>(entityId).GetAsync();
        if (registration is null || !registration.Enabled)
        {
            if (registration is null)
            {
                _parsed.TryRemove(entityId, out _);
            }

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
    /// <see cref="SamlErrorCode.IssuerUnknown"/> (an error page, never an answer to an unverified address). An issuer that is
    /// too long or not in the directory is refused before any service provider grain is activated.
    /// </summary>
    public async Task<RegisteredServiceProvider> FindIssuerAsync(string? issuer)
    {
        if (string.IsNullOrEmpty(issuer) || issuer.Length > MaxIdLength
            || (!_parsed.ContainsKey(issuer) && !await grains.GetGrain<IServiceProviderDirectoryGrain>(ServiceProviderDirectory.Key).ContainsAsync(issuer)))
        {
            throw new SamlException(SamlErrorCode.IssuerUnknown, "The service provider is not registered with the broker.");
        }

        return await FindAsync(issuer)
            ?? throw new SamlException(SamlErrorCode.IssuerUnknown, "The service provider is not registered with the broker.");
    }

    public async Task<ServiceProviderRegistration> RegisterAsync(ServiceProviderRegistration registration)
    {
        var stored = await grains.GetGrain<IServiceProviderGrain>(registration.EntityId).RegisterAsync(registration);
        _parsed.TryRemove(registration.EntityId, out _);
        return stored;
    }
}
