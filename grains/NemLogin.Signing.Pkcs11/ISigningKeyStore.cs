using NemLogin.Grains.Errors;
using System.Collections.Immutable;

namespace NemLogin.Grains.Signing;

/// <summary>
/// Where the silo's broker keys live and where signatures and key decryptions are made. The signer grain only forwards to it; the store
/// bounds its own concurrency (one PKCS#11 session per worker in the HSM store). Refusals are
/// <see cref="GrainRuleException"/>s with a <see cref="BrokerError"/> code.
/// </summary>
public interface ISigningKeyStore
{
    /// <summary>The provider name reported in <see cref="SigningKeyInfo.Provider"/>.</summary>
    string Provider { get; }

    /// <summary>
    /// Hashes and signs <paramref name="data"/> with the key <paramref name="keyId"/> (null: the current key) of
    /// <paramref name="purpose"/>. Never returns an empty or unverified signature.
    /// </summary>
    Task<SignatureResult> SignAsync(KeyPurpose purpose, string? keyId, SigningAlgorithm algorithm, byte[] data, CancellationToken cancellationToken = default);

    /// <summary>
    /// Decrypts a content-encryption key with the key <paramref name="keyId"/> of <paramref name="purpose"/> (null: each
    /// published key in turn) using RSA-OAEP as <paramref name="method"/> names it (<see cref="KeyTransportMethods"/>).
    /// Every failure that depends on the ciphertext is the one <see cref="BrokerError.SigningDecryptionFailed"/>.
    /// </summary>
    Task<DecryptedKey> DecryptKeyAsync(KeyPurpose purpose, string? keyId, KeyTransportMethod method, byte[] encryptedKey, CancellationToken cancellationToken = default);

    /// <summary>The published keys of <paramref name="purpose"/>: current first, then next, then previous.</summary>
    Task<ImmutableArray<SigningKeyInfo>> GetKeysAsync(KeyPurpose purpose, CancellationToken cancellationToken = default);
}
