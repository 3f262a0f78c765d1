using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Signing;

/// <summary>The refusals both key stores give alike, so the software store and the HSM answer a caller the same way.</summary>
public static class KeyStoreRefusals
{
    /// <summary>A decryption key never signs (key separation, <see cref="KeyPurpose"/>).</summary>
    public static void RequireSigningPurpose(KeyPurpose purpose)
    {
        if (KeyPurposes.Decrypts(purpose))
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningKeyUnknown), $"{purpose} keys decrypt; they never sign.");
        }
    }

    /// <summary>A signing key never decrypts.</summary>
    public static void RequireDecryptionPurpose(KeyPurpose purpose)
    {
        if (!KeyPurposes.Decrypts(purpose))
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningKeyUnknown), $"{purpose} keys sign; they never decrypt.");
        }
    }

    /// <summary>
    /// An encrypted key is one RSA block: nothing, or more than the largest RSA key's block (8,192 bits), is refused with
    /// the generic <see cref="DecryptionFailed"/> before it reaches a key.
    /// </summary>
    public static void RequireEncryptedKeyLength(byte[] encryptedKey)
    {
        ArgumentNullException.ThrowIfNull(encryptedKey);
        if (encryptedKey.Length is 0 or > 1024)
        {
            throw DecryptionFailed();
        }
    }

    /// <summary>No key of the purpose (or not the one named) is published in <paramref name="where"/>.</summary>
    public static GrainRuleException NoDecryptionKey(KeyPurpose purpose, string? keyId, string where) => keyId is null
        ? new(BrokerErrors.Name(BrokerError.SigningNoCurrentKey),
            $"{where} has no {purpose} key with a certificate (create one: keys generate --purpose saml-encryption).")
        : new(BrokerErrors.Name(BrokerError.SigningKeyUnknown), $"Key {keyId} is not a published {purpose} key of {where}.");

    /// <summary>
    /// The one answer to every failure that depends on the ciphertext (padding, length, another key's ciphertext): which
    /// check failed is never told (no padding oracle).
    /// </summary>
    public static GrainRuleException DecryptionFailed() =>
        new(BrokerErrors.Name(BrokerError.SigningDecryptionFailed), "The encrypted key could not be decrypted.");
}
