using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace NemLogin.Saml.Tests.Support;

/// <summary>
/// Cryptographically valid signatures with choices our writer never makes (SHA-1, HMAC, XPath, #WithComments...), made
/// with the framework's SignedXml: the tools an attacker or a legacy peer has.
/// </summary>
public sealed record AttackerSignature
{
    public string SignatureMethod { get; init; } = SamlConstants.Algorithms.RsaSha256;

    public string DigestMethod { get; init; } = SamlConstants.Algorithms.Sha256;

    public string CanonicalizationMethod { get; init; } = SamlConstants.Algorithms.ExclusiveC14N;

    /// <summary>Reference URI; null means "#" + the element's ID.</summary>
    public string? ReferenceUri { get; init; }

    public Func<IReadOnlyList<Transform>> Transforms { get; init; } =
        () => [new XmlDsigEnvelopedSignatureTransform(), new XmlDsigExcC14NTransform()];

    /// <summary>The certificate put in KeyInfo; null puts none.</summary>
    public X509Certificate2? KeyInfoCertificate { get; init; }

    /// <summary>Signs <paramref name="element"/> with <paramref name="key"/> (RSA) or an HMAC key and inserts the signature after its Issuer.</summary>
    public XmlElement Sign(XmlElement element, AsymmetricAlgorithm? key, byte[]? hmacKey = null)
    {
        var signedXml = new SignedXml(element);
        signedXml.SignedInfo!.CanonicalizationMethod = CanonicalizationMethod;
        var reference = new Reference(ReferenceUri ?? "#" + element.GetAttribute("ID")) { DigestMethod = DigestMethod };
        foreach (var transform in Transforms())
        {
            reference.AddTransform(transform);
        }

        signedXml.AddReference(reference);
        if (KeyInfoCertificate is not null)
        {
            var keyInfo = new KeyInfo();
            keyInfo.AddClause(new KeyInfoX509Data(KeyInfoCertificate));
            signedXml.KeyInfo = keyInfo;
        }

        if (hmacKey is not null)
        {
            using var hmac = new HMACSHA1(hmacKey);
            signedXml.ComputeSignature(hmac);
        }
        else
        {
            signedXml.SigningKey = key;
            signedXml.SignedInfo.SignatureMethod = SignatureMethod;
            signedXml.ComputeSignature();
        }

        var signature = (XmlElement)element.OwnerDocument.ImportNode(signedXml.GetXml(), deep: true);
        element.InsertAfter(signature, SamlXml.Issuer(element));
        return signature;
    }
}
