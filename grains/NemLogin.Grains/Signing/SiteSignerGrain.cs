using Microsoft.Extensions.Options;
using NemLogin.Grains.Errors;
using Orleans.Concurrency;

namespace NemLogin.Grains.Signing;

/// <summary>
/// One site's signer pool for requests another site forwards (<see cref="SignerGrain"/>). Reentrant and stateless like the
/// pool itself. The cluster host places it on the silos of the site its key names (the caller sets that site as the
/// request's data centre); when that site had no live silo it may have landed elsewhere: it then refuses as unavailable
/// and deactivates, so the next call places it afresh.
/// </summary>
[GrainType("nl.signer.site")]
[Reentrant]
public sealed class SiteSignerGrain(ISigningKeyStore keyStore, IOptions<SigningOptions> options) : Grain, ISiteSignerGrain
{
    public Task<SignatureResult> SignWithKeyAsync(KeyPurpose purpose, string keyId, SigningAlgorithm algorithm, byte[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentNullException.ThrowIfNull(data);
        RequireOwnSite();
        return keyStore.SignAsync(purpose, keyId, algorithm, data);
    }

    public Task<DecryptedKey> DecryptKeyAsync(KeyPurpose purpose, string? keyId, KeyTransportMethod method, byte[] encryptedKey)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(encryptedKey);
        RequireOwnSite();
        return keyStore.DecryptKeyAsync(purpose, keyId, method, encryptedKey);
    }

    private void RequireOwnSite()
    {
        if (!string.Equals(options.Value.Site, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            DeactivateOnIdle();
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningHsmUnavailable),
                $"No silo of site '{this.GetPrimaryKeyString()}' is available to use its HSM.");
        }
    }
}
