using System.Collections.Immutable;

namespace NemLogin.Grains.Signing;

/// <summary>
/// The signer pool. Every signature the broker makes goes through here. The implementation is a stateless worker
/// whose activations each own one signing session (one PKCS#11 session once the HSM signer lands), so Orleans'
/// turn-based execution serialises access to it and the pool size bounds concurrency at the key store.
/// Call it with key 0: <c>grainFactory.GetGrain&lt;ISignerGrain&gt;(0)</c>.
/// </summary>
[Alias("nl.signer")]
public interface ISignerGrain : IGrainWithIntegerKey
{
    /// <summary>Signs <paramref name="data"/> with the current key for <paramref name="purpose"/>.</summary>
    [Alias("sign")]
    Task<SignatureResult> SignAsync(KeyPurpose purpose, SigningAlgorithm algorithm, byte[] data);

    /// <summary>The public certificates for a purpose: the current key first, then any next key (rollover).</summary>
    [Alias("keys")]
    Task<ImmutableArray<SigningKeyInfo>> GetKeysAsync(KeyPurpose purpose);
}
