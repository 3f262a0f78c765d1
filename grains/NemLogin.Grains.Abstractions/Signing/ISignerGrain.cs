using NemLogin.Grains.Errors;
using System.Collections.Immutable;

namespace NemLogin.Grains.Signing;

/// <summary>
/// The signer pool. Every signature the broker makes goes through here. The implementation is a reentrant stateless
/// worker in front of the silo's key store; with the HSM provider that store is a bounded pool of PKCS#11 sessions,
/// each owned by one dedicated thread, so the configured session count bounds concurrency at the HSM and callers
/// await without holding a thread. Call it with key 0: <c>grainFactory.GetGrain&lt;ISignerGrain&gt;(0)</c>.
/// Refusals are <see cref="GrainRuleException"/>s with a code from <see cref="BrokerError"/>.
/// </summary>
[Alias("nl.signer")]
public interface ISignerGrain : IGrainWithIntegerKey
{
    /// <summary>Signs <paramref name="data"/> with the current key for <paramref name="purpose"/>.</summary>
    [Alias("sign")]
    Task<SignatureResult> SignAsync(KeyPurpose purpose, SigningAlgorithm algorithm, byte[] data);

    /// <summary>The public certificates for a purpose: the current key first, then any next key, then any previous key still in its overlap window (rollover).</summary>
    [Alias("keys")]
    Task<ImmutableArray<SigningKeyInfo>> GetKeysAsync(KeyPurpose purpose);

    /// <summary>
    /// Signs with the named key, so a message that already names a certificate is signed by exactly that key. Only the
    /// current key and a previous key still in its overlap window sign; any other id is refused with
    /// <see cref="BrokerError.SigningKeyUnknown"/>.
    /// </summary>
    [Alias("sign-with-key")]
    Task<SignatureResult> SignWithKeyAsync(KeyPurpose purpose, string keyId, SigningAlgorithm algorithm, byte[] data);
}
