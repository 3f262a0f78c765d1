using System.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>The XML-DSig SignedInfo rules of docs/security.md (References, Algorithms), one method per rule.</summary>
internal static class SignedInfoRules
{
    private const string InclusiveNamespacesElement = "InclusiveNamespaces";

    public static CheckedSignedInfo Check(XmlElement signature, XmlElement signedElement, SignaturePolicy policy)
    {
        var signedInfo = RequireSingleSignedInfo(signature);
        var canonicalizationPrefixes = RequireExclusiveCanonicalization(signedInfo);
        var signatureAlgorithm = RequireAllowedSignatureMethod(signedInfo, policy);
        var reference = RequireSingleReferenceToElement(signedInfo, signedElement);
        var referencePrefixes = RequireAllowedTransforms(reference);
        var digestAlgorithm = RequireAllowedDigestMethod(reference, policy);
        var digestValue = RequireDigestValue(reference);
        return new CheckedSignedInfo(signedInfo, canonicalizationPrefixes, signatureAlgorithm, referencePrefixes, digestAlgorithm, digestValue);
    }

    private static XmlElement RequireSingleSignedInfo(XmlElement signature) =>
        DsElements.Single(signature, "SignedInfo")
        ?? throw new SamlException(SamlErrorCode.SignedInfoInvalid, "The signature must hold exactly one SignedInfo.");

    // Comments would be left out of what is signed (and so could be added freely); only exc-c14n without comments.
    private static string? RequireExclusiveCanonicalization(XmlElement signedInfo)
    {
        var method = DsElements.Single(signedInfo, "CanonicalizationMethod")
            ?? throw new SamlException(SamlErrorCode.SignedInfoInvalid, "SignedInfo must hold exactly one CanonicalizationMethod.");
        if (DsElements.Algorithm(method) != SamlConstants.Algorithms.ExclusiveC14N)
        {
            throw new SamlException(
                SamlErrorCode.SignatureTransformNotAllowed,
                "SignedInfo must be canonicalized with exclusive C14N without comments.");
        }

        return InclusivePrefixes(method);
    }

    private static string RequireAllowedSignatureMethod(XmlElement signedInfo, SignaturePolicy policy)
    {
        var method = DsElements.Single(signedInfo, "SignatureMethod")
            ?? throw new SamlException(SamlErrorCode.SignedInfoInvalid, "SignedInfo must hold exactly one SignatureMethod.");
        var algorithm = DsElements.Algorithm(method);
        if (algorithm is null || !SignatureAlgorithms.IsUsableSignature(algorithm, policy) || method.HasChildNodes)
        {
            throw new SamlException(SamlErrorCode.SignatureAlgorithmNotAllowed, "The signature algorithm is not allowed.");
        }

        return algorithm;
    }

    // XSW defence: the one reference must point at the element the caller is about to read, nothing else.
    private static XmlElement RequireSingleReferenceToElement(XmlElement signedInfo, XmlElement signedElement)
    {
        var references = DsElements.Children(signedInfo, "Reference");
        if (references.Count != 1)
        {
            throw new SamlException(SamlErrorCode.SignatureReferenceInvalid, "SignedInfo must hold exactly one Reference.");
        }

        var id = signedElement.GetAttribute("ID");
        if (id.Length == 0 || !references[0].HasAttribute("URI") || references[0].GetAttribute("URI") != "#" + id)
        {
            throw new SamlException(SamlErrorCode.SignatureReferenceInvalid, "The Reference must point at the signed element's ID.");
        }

        return references[0];
    }

    // SAML Core 5.4.4: enveloped-signature then exclusive C14N; anything else (XPath, XSLT, base64, #WithComments) is refused.
    private static string? RequireAllowedTransforms(XmlElement reference)
    {
        var transforms = DsElements.Single(reference, "Transforms")
            ?? throw new SamlException(SamlErrorCode.SignatureTransformNotAllowed, "The Reference must list its transforms.");
        var list = DsElements.Children(transforms, "Transform");
        if (list.Count != 2
            || transforms.ChildNodes.OfType<XmlElement>().Count() != 2
            || DsElements.Algorithm(list[0]) != SamlConstants.Algorithms.EnvelopedSignature
            || list[0].ChildNodes.OfType<XmlElement>().Any()
            || DsElements.Algorithm(list[1]) != SamlConstants.Algorithms.ExclusiveC14N)
        {
            throw new SamlException(
                SamlErrorCode.SignatureTransformNotAllowed,
                "The transforms must be exactly enveloped-signature followed by exclusive C14N.");
        }

        return InclusivePrefixes(list[1]);
    }

    private static string RequireAllowedDigestMethod(XmlElement reference, SignaturePolicy policy)
    {
        var algorithm = DsElements.Algorithm(DsElements.Single(reference, "DigestMethod"));
        if (algorithm is null || !SignatureAlgorithms.IsUsableDigest(algorithm, policy))
        {
            throw new SamlException(SamlErrorCode.DigestAlgorithmNotAllowed, "The digest algorithm is not allowed.");
        }

        return algorithm;
    }

    private static byte[] RequireDigestValue(XmlElement reference)
    {
        var element = DsElements.Single(reference, "DigestValue")
            ?? throw new SamlException(SamlErrorCode.SignedInfoInvalid, "The Reference must hold exactly one DigestValue.");
        return DsElements.Base64Text(element)
            ?? throw new SamlException(SamlErrorCode.SignedInfoInvalid, "The DigestValue must be base64 text.");
    }

    private static string? InclusivePrefixes(XmlElement canonicalization)
    {
        var children = canonicalization.ChildNodes.OfType<XmlElement>().ToList();
        if (children.Count == 0)
        {
            return null;
        }

        var inclusive = DsElements.Children(canonicalization, InclusiveNamespacesElement, SamlConstants.Algorithms.ExclusiveC14N);
        if (children.Count != 1 || inclusive.Count != 1)
        {
            throw new SamlException(
                SamlErrorCode.SignatureTransformNotAllowed,
                "Exclusive C14N may carry only an InclusiveNamespaces parameter.");
        }

        return inclusive[0].GetAttribute("PrefixList");
    }
}
