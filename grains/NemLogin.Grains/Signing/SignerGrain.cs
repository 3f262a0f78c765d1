using System.Collections.Immutable;
using Orleans.Concurrency;

namespace NemLogin.Grains.Signing;

/// <summary>
/// The signer pool's front. Reentrant because it holds no state: every call (signature or key decryption) goes straight
/// to the silo's key store, whose bounded session pool is what serialises access to the HSM. A non-reentrant activation would hold one call at
/// a time and cap concurrency at the worker count instead of the configured HSM session count.
/// </summary>
[GrainType("nl.signer")]
[StatelessWorker]
[Reentrant]
public sealed class SignerGrain(ISigningKeyStore keyStore) : Grain, ISignerGrain
{
    public Task<SignatureResult> SignAsync(KeyPurpose purpose, SigningAlgorithm algorithm, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return keyStore.SignAsync(purpose, keyId: null, algorithm, data);
    }

    public Task<SignatureResult> SignWithKeyAsync(KeyPurpose purpose, string keyId, SigningAlgorithm algorithm, byte[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentNullException.ThrowIfNull(data);
        return keyStore.SignAsync(purpose, keyId, algorithm, data);
    }

    public Task<ImmutableArray<SigningKeyInfo>> GetKeysAsync(KeyPurpose purpose) => keyStore.GetKeysAsync(purpose);

    public Task<DecryptedKey> DecryptKeyAsync(KeyPurpose purpose, string? keyId, KeyTransportMethod method, byte[] encryptedKey)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(encryptedKey);
        return keyStore.DecryptKeyAsync(purpose, keyId, method, encryptedKey);
    }
}
