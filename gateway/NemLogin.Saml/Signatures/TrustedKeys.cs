using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Signatures;

/// <summary>Chooses which trusted certificates may verify a signature. Trust comes only from the caller's list.</summary>
internal static class TrustedKeys
{
    /// <summary>
    /// The trusted certificates valid at <paramref name="now"/> whose keys meet <paramref name="policy"/>'s minimum sizes,
    /// narrowed to those named by <paramref name="hints"/> when the message names any (KeyInfo selects, never adds). Throws
    /// SignatureKeyUntrusted, SignatureCertificateExpired or SignatureKeyTooSmall when none is left.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> Select(
        IReadOnlyList<X509Certificate2> trustedCertificates,
        IReadOnlyList<byte[]> hints,
        DateTimeOffset now,
        SignaturePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(trustedCertificates);
        var named = hints.Count == 0
            ? trustedCertificates
            : trustedCertificates.Where(certificate => hints.Any(hint => certificate.RawData.AsSpan().SequenceEqual(hint))).ToList();
        if (named.Count == 0)
        {
            throw new SamlException(
                SamlErrorCode.SignatureKeyUntrusted,
                "The signature names a certificate that is not among the trusted certificates.");
        }

        var current = named.Where(certificate => IsValidAt(certificate, now)).ToList();
        if (current.Count == 0)
        {
            throw new SamlException(
                SamlErrorCode.SignatureCertificateExpired,
                "Every trusted certificate that could verify the signature is outside its validity period.");
        }

        // A key registered before the minimum was enforced, or by a registration path that did not check it, still cannot
        // verify: a signature by a weak key proves nothing about who made it.
        var strong = current.Where(certificate => KeyStrength.IsSufficientForSignatures(certificate, policy)).ToList();
        if (strong.Count == 0)
        {
            throw new SamlException(
                SamlErrorCode.SignatureKeyTooSmall,
                "Every trusted certificate that could verify the signature has a key below the minimum size.");
        }

        return strong;
    }

    private static bool IsValidAt(X509Certificate2 certificate, DateTimeOffset now) =>
        certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime <= certificate.NotAfter.ToUniversalTime();
}
