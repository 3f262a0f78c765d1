using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Signatures;

/// <summary>
/// Whether a certificate's public key is of a kind and size the broker trusts (<see cref="SignaturePolicy.MinimumRsaKeyBits"/>,
/// <see cref="SignaturePolicy.MinimumEcKeyBits"/>). A small key can be factored or its discrete logarithm found, and then
/// anyone can sign as its owner or read what is encrypted for it.
/// </summary>
public static class KeyStrength
{
    /// <summary>True when the key is RSA or EC and at least the policy's minimum size for its kind.</summary>
    public static bool IsSufficientForSignatures(X509Certificate2 certificate, SignaturePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(policy);
        return RsaBits(certificate) is { } rsa
            ? rsa >= policy.MinimumRsaKeyBits
            : EcBits(certificate) is { } ec && ec >= policy.MinimumEcKeyBits;
    }

    /// <summary>True when the key is RSA (the broker encrypts keys with RSA-OAEP) and at least the policy's minimum size.</summary>
    public static bool IsSufficientForEncryption(X509Certificate2 certificate, SignaturePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(policy);
        return RsaBits(certificate) is { } rsa && rsa >= policy.MinimumRsaKeyBits;
    }

    /// <summary>The RSA modulus size in bits, or null when the key is not RSA.</summary>
    internal static int? RsaBits(X509Certificate2 certificate) => CertificateKeys.RsaPublicKey(certificate)?.KeySize;

    /// <summary>The EC key size in bits, or null when the key is not an EC key .NET can use.</summary>
    internal static int? EcBits(X509Certificate2 certificate)
    {
        try
        {
            return CertificateKeys.EcdsaPublicKey(certificate)?.KeySize;
        }
        catch (CryptographicException)
        {
            // A curve the platform does not know cannot verify anything either.
            return null;
        }
    }
}
