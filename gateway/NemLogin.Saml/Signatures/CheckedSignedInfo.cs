using System.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>A SignedInfo whose structure and algorithms passed every rule; its values are yet to be checked.</summary>
internal sealed record CheckedSignedInfo(
    XmlElement SignedInfo,
    string? CanonicalizationPrefixes,
    string SignatureAlgorithm,
    string? ReferencePrefixes,
    string DigestAlgorithm,
    byte[] DigestValue);
