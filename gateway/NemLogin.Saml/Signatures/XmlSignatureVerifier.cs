using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>Verifies enveloped XML-DSig signatures against trusted certificates only.</summary>
public static class XmlSignatureVerifier
{
    /// <summary>True when <paramref name="element"/> has a ds:Signature direct child.</summary>
    public static bool HasSignature(XmlElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return DsElements.Children(element, "Signature").Count > 0;
    }

    /// <summary>
    /// Verifies the enveloped signature of <paramref name="element"/> against <paramref name="trustedCertificates"/> and returns the
    /// certificate that verified it. KeyInfo never adds trust. Every refusal is a <see cref="SamlException"/> with its own code.
    /// </summary>
    public static X509Certificate2 Verify(
        XmlElement element,
        IReadOnlyList<X509Certificate2> trustedCertificates,
        SignaturePolicy policy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(trustedCertificates);
        ArgumentNullException.ThrowIfNull(policy);

        var signature = RequireSingleDirectSignature(element);
        SafeXml.EnsureUniqueIds(element.OwnerDocument);
        var signedInfo = SignedInfoRules.Check(signature, element, policy);
        var candidates = TrustedKeys.Select(trustedCertificates, CertificateHints(signature), now, policy);
        RequireDigestMatches(element, signature, signedInfo);
        return RequireSignatureValue(signature, signedInfo, candidates);
    }

    // docs/security.md, Signature wrapping: the signature must be a direct child of the element that is read.
    private static XmlElement RequireSingleDirectSignature(XmlElement element)
    {
        var direct = DsElements.Children(element, "Signature");
        if (direct.Count == 1)
        {
            return direct[0];
        }

        if (direct.Count > 1)
        {
            throw new SamlException(SamlErrorCode.SignaturePlacementInvalid, "The element carries more than one signature.");
        }

        if (HasNestedSignatureFor(element))
        {
            throw new SamlException(
                SamlErrorCode.SignaturePlacementInvalid,
                "A signature over the element sits deeper than a direct child.");
        }

        throw new SamlException(SamlErrorCode.SignatureMissing, "The element is not signed.");
    }

    // A name search is fine here: it only chooses which refusal to report, it never selects what is trusted.
    private static bool HasNestedSignatureFor(XmlElement element)
    {
        var target = "#" + element.GetAttribute("ID");
        foreach (XmlElement nested in element.GetElementsByTagName("Signature", SamlConstants.Namespaces.XmlDsig))
        {
            foreach (XmlElement reference in nested.GetElementsByTagName("Reference", SamlConstants.Namespaces.XmlDsig))
            {
                if (reference.GetAttribute("URI") == target)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<byte[]> CertificateHints(XmlElement signature)
    {
        var hints = new List<byte[]>();
        var keyInfo = DsElements.Single(signature, "KeyInfo");
        if (keyInfo is null)
        {
            return hints;
        }

        foreach (var data in DsElements.Children(keyInfo, "X509Data"))
        {
            foreach (var certificate in DsElements.Children(data, "X509Certificate"))
            {
                // A malformed certificate still counts as a hint, so it narrows the choice to nothing.
                hints.Add(DsElements.Base64Text(certificate) ?? []);
            }
        }

        return hints;
    }

    private static void RequireDigestMatches(XmlElement element, XmlElement signature, CheckedSignedInfo signedInfo)
    {
        var canonical = ExclusiveCanonicalizer.Canonicalize(element, signature, signedInfo.ReferencePrefixes);
        var digest = SignatureAlgorithms.Digest(signedInfo.DigestAlgorithm, canonical);
        if (!CryptographicOperations.FixedTimeEquals(digest, signedInfo.DigestValue))
        {
            throw new SamlException(SamlErrorCode.SignatureInvalid, "The signed content has changed (digest mismatch).");
        }
    }

    private static X509Certificate2 RequireSignatureValue(
        XmlElement signature,
        CheckedSignedInfo signedInfo,
        IReadOnlyList<X509Certificate2> candidates)
    {
        var valueElement = DsElements.Single(signature, "SignatureValue");
        var value = valueElement is null ? null : DsElements.Base64Text(valueElement);
        if (value is null)
        {
            throw new SamlException(SamlErrorCode.SignatureInvalid, "The signature must hold exactly one base64 SignatureValue.");
        }

        var canonical = ExclusiveCanonicalizer.Canonicalize(signedInfo.SignedInfo, inclusivePrefixes: signedInfo.CanonicalizationPrefixes);
        foreach (var certificate in candidates)
        {
            if (SignatureAlgorithms.Verify(signedInfo.SignatureAlgorithm, certificate, canonical, value))
            {
                return certificate;
            }
        }

        throw new SamlException(SamlErrorCode.SignatureInvalid, "The signature does not verify with any trusted certificate.");
    }
}
