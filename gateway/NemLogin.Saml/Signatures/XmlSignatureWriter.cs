using System.Xml;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>Makes enveloped XML-DSig signatures whose key stays behind <see cref="ISamlSigner"/>.</summary>
public static class XmlSignatureWriter
{
    private const string Prefix = "ds";
    private const string DsNamespace = SamlConstants.Namespaces.XmlDsig;

    /// <summary>
    /// Signs <paramref name="element"/> (which carries an ID attribute) with one Reference to its ID, enveloped-signature and
    /// exclusive C14N transforms, SHA-256 digest and the signer's algorithm. The ds:Signature goes right after
    /// <paramref name="insertAfter"/>, or first when it is null. On failure the element is left unsigned and unchanged.
    /// </summary>
    public static async Task SignAsync(XmlElement element, XmlElement? insertAfter, ISamlSigner signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(signer);
        var id = element.GetAttribute("ID");
        if (id.Length == 0)
        {
            throw new ArgumentException("The element to sign must carry an ID attribute.", nameof(element));
        }

        if (insertAfter is not null && !ReferenceEquals(insertAfter.ParentNode, element))
        {
            throw new ArgumentException("insertAfter must be a child of the element to sign.", nameof(insertAfter));
        }

        if (XmlSignatureVerifier.HasSignature(element))
        {
            throw new InvalidOperationException("The element is already signed.");
        }

        NamespaceDeclarations.MakeExplicit(element);

        // Digest before the signature exists: the same octets the enveloped-signature transform yields (XML-DSig 6.6.4).
        var digest = SignatureAlgorithms.Digest(SamlConstants.Algorithms.Sha256, ExclusiveCanonicalizer.Canonicalize(element));
        var document = element.OwnerDocument;
        var signedInfo = SignedInfo(document, id, signer.SignatureAlgorithm, digest);
        var signatureValue = Ds(document, "SignatureValue");
        var signature = Ds(document, "Signature");
        signature.SetAttribute("xmlns:" + Prefix, DsNamespace);
        signature.AppendChild(signedInfo);
        signature.AppendChild(signatureValue);
        signature.AppendChild(KeyInfo(document, signer));
        element.InsertAfter(signature, insertAfter);
        try
        {
            var canonicalSignedInfo = ExclusiveCanonicalizer.Canonicalize(signedInfo);
            var value = await signer.SignAsync(canonicalSignedInfo, cancellationToken).ConfigureAwait(false);
            signatureValue.InnerText = Convert.ToBase64String(value);
        }
        catch
        {
            element.RemoveChild(signature);
            throw;
        }
    }

    private static XmlElement SignedInfo(XmlDocument document, string id, string signatureAlgorithm, byte[] digest)
    {
        var signedInfo = Ds(document, "SignedInfo");
        signedInfo.AppendChild(WithAlgorithm(document, "CanonicalizationMethod", SamlConstants.Algorithms.ExclusiveC14N));
        signedInfo.AppendChild(WithAlgorithm(document, "SignatureMethod", signatureAlgorithm));
        var reference = Ds(document, "Reference");
        reference.SetAttribute("URI", "#" + id);
        var transforms = Ds(document, "Transforms");
        transforms.AppendChild(WithAlgorithm(document, "Transform", SamlConstants.Algorithms.EnvelopedSignature));
        transforms.AppendChild(WithAlgorithm(document, "Transform", SamlConstants.Algorithms.ExclusiveC14N));
        reference.AppendChild(transforms);
        reference.AppendChild(WithAlgorithm(document, "DigestMethod", SamlConstants.Algorithms.Sha256));
        var digestValue = Ds(document, "DigestValue");
        digestValue.InnerText = Convert.ToBase64String(digest);
        reference.AppendChild(digestValue);
        signedInfo.AppendChild(reference);
        return signedInfo;
    }

    private static XmlElement KeyInfo(XmlDocument document, ISamlSigner signer)
    {
        var certificate = Ds(document, "X509Certificate");
        certificate.InnerText = Convert.ToBase64String(signer.Certificate.RawData);
        var data = Ds(document, "X509Data");
        data.AppendChild(certificate);
        var keyInfo = Ds(document, "KeyInfo");
        keyInfo.AppendChild(data);
        return keyInfo;
    }

    private static XmlElement WithAlgorithm(XmlDocument document, string localName, string algorithm)
    {
        var element = Ds(document, localName);
        element.SetAttribute("Algorithm", algorithm);
        return element;
    }

    private static XmlElement Ds(XmlDocument document, string localName) => document.CreateElement(Prefix, localName, DsNamespace);
}
