using System.Xml;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>Signs elements of a DOM document with enveloped XML-DSig signatures (<see cref="SignatureElement"/>) whose key stays behind <see cref="ISamlSigner"/>.</summary>
public static class XmlSignatureWriter
{
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
        var signature = await SignatureElement.WriteAsync(id, digest, signer, cancellationToken).ConfigureAwait(false);
        element.InsertAfter(WrittenElement.Import(element.OwnerDocument, signature), insertAfter);
    }
}
