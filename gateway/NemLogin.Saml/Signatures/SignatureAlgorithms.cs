using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Signatures;

/// <summary>
/// The signature and digest algorithms this library can check. SHA-1 and HMAC are absent on purpose: no policy can
/// enable them (OIOSAML 3, Cryptography; docs/security.md, Algorithms).
/// </summary>
internal static class SignatureAlgorithms
{
    public static bool IsUsableSignature(string algorithm, SignaturePolicy policy) =>
        policy.AllowedSignatureAlgorithms.Contains(algorithm) && SignatureHash(algorithm) is not null;

    public static bool IsUsableDigest(string algorithm, SignaturePolicy policy) =>
        policy.AllowedDigestAlgorithms.Contains(algorithm) && DigestHash(algorithm) is not null;

    public static byte[] Digest(string algorithm, ReadOnlySpan<byte> data) => DigestHash(algorithm) switch
    {
        { } name when name == HashAlgorithmName.SHA256 => SHA256.HashData(data),
        { } name when name == HashAlgorithmName.SHA384 => SHA384.HashData(data),
        { } name when name == HashAlgorithmName.SHA512 => SHA512.HashData(data),
        _ => throw new ArgumentException("Unsupported digest algorithm.", nameof(algorithm)),
    };

    /// <summary>True when <paramref name="signature"/> over <paramref name="data"/> verifies with the certificate's public key.</summary>
    public static bool Verify(string algorithm, X509Certificate2 certificate, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var hash = SignatureHash(algorithm) ?? throw new ArgumentException("Unsupported signature algorithm.", nameof(algorithm));
        try
        {
            if (algorithm == SamlConstants.Algorithms.EcdsaSha256)
            {
                var ecdsa = CertificateKeys.EcdsaPublicKey(certificate);

                // XML-DSig 1.1 section 6.4.3: the value is r || s, the IEEE P1363 form.
                return ecdsa is not null && ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }

            var rsa = CertificateKeys.RsaPublicKey(certificate);
            var padding = algorithm == SamlConstants.Algorithms.RsaPssSha256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            return rsa is not null && rsa.VerifyData(data, signature, hash, padding);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static HashAlgorithmName? SignatureHash(string algorithm) => algorithm switch
    {
        SamlConstants.Algorithms.RsaSha256 => HashAlgorithmName.SHA256,
        SamlConstants.Algorithms.RsaSha384 => HashAlgorithmName.SHA384,
        SamlConstants.Algorithms.RsaSha512 => HashAlgorithmName.SHA512,

        // RFC 6931 2.3.10: sha256-rsa-MGF1 is RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.
        SamlConstants.Algorithms.RsaPssSha256 => HashAlgorithmName.SHA256,
        SamlConstants.Algorithms.EcdsaSha256 => HashAlgorithmName.SHA256,
        _ => null,
    };

    private static HashAlgorithmName? DigestHash(string algorithm) => algorithm switch
    {
        SamlConstants.Algorithms.Sha256 => HashAlgorithmName.SHA256,
        SamlConstants.Algorithms.Sha384 => HashAlgorithmName.SHA384,
        SamlConstants.Algorithms.Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };
}
