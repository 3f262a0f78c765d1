using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Placement;
using Orleans.Concurrency;

namespace NemLogin.Grains.Signing;

/// <summary>
/// The signer pool's front. Reentrant because it holds no state: every call (signature or key decryption) goes straight
/// to the silo's key store, whose bounded session pool is what serialises access to the HSM. A non-reentrant activation would hold one call at
/// a time and cap concurrency at the worker count instead of the configured HSM session count.
/// With a <see cref="SigningOptions.Site"/> (cluster mode, an HSM per data centre) the pool lists every site's keys from
/// <see cref="ISigningKeyDirectoryGrain"/> (through this silo's copy, <see cref="SigningKeyDirectoryView"/>, so a directory
/// on a silo that stopped answering holds no call up), and a request naming a key this silo's HSM does not hold goes to the site that
/// holds it (<see cref="ISiteSignerGrain"/>): a gateway may learn the keys from a silo of one site and ask a silo of the other to sign.
/// </summary>
[GrainType("nl.signer")]
[StatelessWorker]
[Reentrant]
public sealed class SignerGrain(ISigningKeyStore keyStore, SigningKeyDirectoryView directory, IOptions<SigningOptions> options) : Grain, ISignerGrain
{
    private static readonly string KeyUnknown = BrokerErrors.Name(BrokerError.SigningKeyUnknown);
    private static readonly string NoCurrentKey = BrokerErrors.Name(BrokerError.SigningNoCurrentKey);
    private static readonly string DecryptionFailed = BrokerErrors.Name(BrokerError.SigningDecryptionFailed);

    private readonly string? _site = options.Value.Site;

    public Task<SignatureResult> SignAsync(KeyPurpose purpose, SigningAlgorithm algorithm, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return keyStore.SignAsync(purpose, keyId: null, algorithm, data);
    }

    public async Task<SignatureResult> SignWithKeyAsync(KeyPurpose purpose, string keyId, SigningAlgorithm algorithm, byte[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return await keyStore.SignAsync(purpose, keyId, algorithm, data);
        }
        catch (GrainRuleException ex) when (_site is not null && ex.Code == KeyUnknown)
        {
            var holder = (await OtherSitesAsync(purpose, keyId)).FirstOrDefault();
            if (holder is null)
            {
                throw;
            }

            return await InSite(holder, () => Site(holder).SignWithKeyAsync(purpose, keyId, algorithm, data));
        }
    }

    public async Task<ImmutableArray<SigningKeyInfo>> GetKeysAsync(KeyPurpose purpose)
    {
        var local = await keyStore.GetKeysAsync(purpose);
        if (_site is null)
        {
            return local;
        }

        // This site's keys first (its current key is the one a gateway picks when it asked here), then the others'.
        var others = (await directory.GetAsync())
            .Where(s => s.Site != _site)
            .SelectMany(s => s.Keys)
            .Where(k => k.Purpose == purpose && !local.Any(l => l.KeyId == k.KeyId));
        return [.. local, .. others];
    }

    public async Task<DecryptedKey> DecryptKeyAsync(KeyPurpose purpose, string? keyId, KeyTransportMethod method, byte[] encryptedKey)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(encryptedKey);
        try
        {
            return await keyStore.DecryptKeyAsync(purpose, keyId, method, encryptedKey);
        }
        catch (GrainRuleException ex) when (_site is not null && NotDecryptedHere(ex))
        {
            // An IdP may have encrypted to any site's published key: the sites holding the named key, or every other site
            // with keys of the purpose. Each site's own refusal is the same generic code, so this adds no oracle.
            foreach (var site in await OtherSitesAsync(purpose, keyId))
            {
                try
                {
                    return await InSite(site, () => Site(site).DecryptKeyAsync(purpose, keyId, method, encryptedKey));
                }
                catch (GrainRuleException other) when (NotDecryptedHere(other))
                {
                }
            }

            throw;
        }
    }

    /// <summary>A site's answer that another site may still decrypt: no such key here, no key at all, or not this key's ciphertext.</summary>
    private static bool NotDecryptedHere(GrainRuleException refusal) =>
        refusal.Code == KeyUnknown || refusal.Code == NoCurrentKey || refusal.Code == DecryptionFailed;

    private ISiteSignerGrain Site(string site) => GrainFactory.Reference<ISiteSignerGrain>(site);

    /// <summary>
    /// The other sites that publish <paramref name="keyId"/> for <paramref name="purpose"/> (with null: any key of it), from
    /// this silo's copy without waiting: a signature is not held up by a directory that does not answer.
    /// </summary>
    private async Task<IEnumerable<string>> OtherSitesAsync(KeyPurpose purpose, string? keyId) =>
        (await directory.GetAsync(wait: false))
            .Where(s => s.Site != _site && s.Keys.Any(k => k.Purpose == purpose && (keyId is null || k.KeyId == keyId)))
            .Select(s => s.Site);

    /// <summary>Calls with <paramref name="site"/> as the request's data centre, which is where the placement filter activates a site signer.</summary>
    private static async Task<T> InSite<T>(string site, Func<Task<T>> call)
    {
        var before = RequestContext.Get(DataCentreContext.RequestContextKey);
        RequestContext.Set(DataCentreContext.RequestContextKey, site);
        try
        {
            return await call();
        }
        finally
        {
            if (before is null)
            {
                RequestContext.Remove(DataCentreContext.RequestContextKey);
            }
            else
            {
                RequestContext.Set(DataCentreContext.RequestContextKey, before);
            }
        }
    }
}
