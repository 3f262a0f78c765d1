using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>Verifies enveloped XML-DSig signatures against trusted certificates only.</summary>
public static class XmlSignatureVerifier
{
    /// <summary>True when <paramref name="element"/> has a ds:Signature direct child.</summary>
    public static bool HasSignature(XmlElement element) => throw new NotImplementedException();

    /// <summary>
    /// Verifies the enveloped signature of <paramref name="element"/> against <paramref name="trustedCertificates"/> and returns the
    /// certificate that verified it. KeyInfo never adds trust.
    /// </summary>
    public static X509Certificate2 Verify(
        XmlElement element,
        IReadOnlyList<X509Certificate2> trustedCertificates,
        SignaturePolicy policy,
        DateTimeOffset now) => throw new NotImplementedException();
}
