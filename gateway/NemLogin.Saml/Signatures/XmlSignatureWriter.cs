using System.Xml;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Signatures;

/// <summary>Makes enveloped XML-DSig signatures whose key stays behind <see cref="ISamlSigner"/>.</summary>
public static class XmlSignatureWriter
{
    /// <summary>
    /// Signs <paramref name="element"/> (which carries an ID attribute) with one Reference to its ID, enveloped-signature and
    /// exclusive C14N transforms, SHA-256 digest and the signer's algorithm. The ds:Signature goes right after
    /// <paramref name="insertAfter"/>, or first when it is null.
    /// </summary>
    public static Task SignAsync(XmlElement element, XmlElement? insertAfter, ISamlSigner signer, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
