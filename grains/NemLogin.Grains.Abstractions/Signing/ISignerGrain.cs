using NemLogin.Grains.Errors;
using System.Collections.Immutable;

namespace NemLogin.Grains.Signing;

/// <summary>
/// The signer pool. Every signature the broker makes goes through here, and every decryption with a broker key (the
/// key transport of assertions organisations' own IdPs encrypt to the broker). The implementation is a reentrant stateless
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

    /// <summary>
    /// Recovers a content-encryption key that was encrypted to a broker key of <paramref name="purpose"/> (only
    /// <see cref="KeyPurpose.SamlEncryption"/> decrypts) with <paramref name="method"/>: RSA-OAEP only. The key named by
    /// <paramref name="keyId"/> is used, or with null each published key in turn (current, next, previous: an IdP may
    /// already encrypt to a next key it read in the metadata). Refusals: RSA PKCS#1 v1.5 and anything but RSA-OAEP with
    /// SHA-1 or SHA-256 as <see cref="BrokerError.SigningDecryptionAlgorithmRefused"/>; every failure that depends on the
    /// ciphertext (padding, length, wrong key) as the one <see cref="BrokerError.SigningDecryptionFailed"/>, so the answer
    /// is no oracle; a busy or failed HSM as the signing pool's transient codes.
    /// </summary>
    [Alias("decrypt-key")]
    Task<DecryptedKey> DecryptKeyAsync(KeyPurpose purpose, string? keyId, KeyTransportMethod method, byte[] encryptedKey);
}
