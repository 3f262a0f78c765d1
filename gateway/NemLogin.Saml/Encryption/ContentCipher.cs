using System.Security.Cryptography;

namespace NemLogin.Saml.Encryption;

/// <summary>The block encryption algorithms of XML Encryption 1.1 section 5.2 that SAML peers use.</summary>
internal static class ContentCipher
{
    private const int GcmNonceBytes = 12;
    private const int GcmTagBytes = 16;
    private const int CbcBlockBytes = 16;

    /// <summary>Key length in bytes for an allowed algorithm, or null when the algorithm is not allowed.</summary>
    public static int? KeyBytes(string? algorithm) => algorithm switch
    {
        SamlConstants.Algorithms.Aes256Gcm or SamlConstants.Algorithms.Aes256Cbc => 32,
        SamlConstants.Algorithms.Aes128Gcm or SamlConstants.Algorithms.Aes128Cbc => 16,
        _ => null,
    };

    public static byte[] Encrypt(string algorithm, byte[] key, byte[] plaintext) =>
        IsGcm(algorithm) ? EncryptGcm(key, plaintext) : EncryptCbc(key, plaintext);

    /// <summary>Decrypts a CipherValue; throws <see cref="CryptographicException"/> on any failure (bad tag, size or padding).</summary>
    public static byte[] Decrypt(string algorithm, byte[] key, byte[] cipherValue) =>
        IsGcm(algorithm) ? DecryptGcm(key, cipherValue) : DecryptCbc(key, cipherValue);

    private static bool IsGcm(string algorithm) =>
        algorithm is SamlConstants.Algorithms.Aes256Gcm or SamlConstants.Algorithms.Aes128Gcm;

    // XML Encryption 1.1, 5.2.4: CipherValue = IV (12 bytes) || ciphertext || tag (128 bits).
    private static byte[] EncryptGcm(byte[] key, byte[] plaintext)
    {
        var output = new byte[GcmNonceBytes + plaintext.Length + GcmTagBytes];
        var nonce = output.AsSpan(0, GcmNonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, GcmTagBytes);
        gcm.Encrypt(nonce, plaintext, output.AsSpan(GcmNonceBytes, plaintext.Length), output.AsSpan(GcmNonceBytes + plaintext.Length));
        return output;
    }

    private static byte[] DecryptGcm(byte[] key, byte[] cipherValue)
    {
        if (cipherValue.Length < GcmNonceBytes + GcmTagBytes)
        {
            throw new CryptographicException("The GCM cipher value is too short.");
        }

        var length = cipherValue.Length - GcmNonceBytes - GcmTagBytes;
        var plaintext = new byte[length];
        using var gcm = new AesGcm(key, GcmTagBytes);
        gcm.Decrypt(
            cipherValue.AsSpan(0, GcmNonceBytes),
            cipherValue.AsSpan(GcmNonceBytes, length),
            cipherValue.AsSpan(GcmNonceBytes + length),
            plaintext);
        return plaintext;
    }

    // XML Encryption 1.1, 5.2.1: CipherValue = IV || ciphertext; PKCS#7 padding is one valid choice of padding.
    private static byte[] EncryptCbc(byte[] key, byte[] plaintext)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var iv = RandomNumberGenerator.GetBytes(CbcBlockBytes);
        return [.. iv, .. aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7)];
    }

    // XML Encryption 1.1, 5.2.1: only the last padding byte (the count) is meaningful; the others may hold anything.
    private static byte[] DecryptCbc(byte[] key, byte[] cipherValue)
    {
        if (cipherValue.Length < 2 * CbcBlockBytes || cipherValue.Length % CbcBlockBytes != 0)
        {
            throw new CryptographicException("The CBC cipher value has an invalid length.");
        }

        using var aes = Aes.Create();
        aes.Key = key;
        var padded = aes.DecryptCbc(cipherValue.AsSpan(CbcBlockBytes), cipherValue.AsSpan(0, CbcBlockBytes), PaddingMode.None);
        var padding = padded[^1];
        if (padding is 0 or > CbcBlockBytes)
        {
            throw new CryptographicException("The CBC padding is invalid.");
        }

        return padded[..^padding];
    }
}
