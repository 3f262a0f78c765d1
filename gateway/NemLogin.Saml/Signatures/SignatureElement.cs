using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>
/// The one place a ds:Signature is written: an enveloped signature with one Reference to an element's ID, the
/// enveloped-signature and exclusive C14N transforms, a SHA-256 digest, the signer's algorithm and its certificate in
/// KeyInfo. The key stays behind <see cref="ISamlSigner"/>; the caller supplies the digest of the element's canonical form.
/// </summary>
internal static class SignatureElement
{
    private const string Ds = SamlConstants.Namespaces.XmlDsig;
    private const string Prefix = "ds";

    // A signer keeps its certificate for its lifetime; its base64 text is the same for every signature it makes.
    private static readonly ConditionalWeakTable<X509Certificate2, string> CertificateText = [];

    /// <summary>
    /// Writes the signature of the element whose ID is <paramref name="id"/> and whose canonical form (enveloped signature
    /// removed) has the SHA-256 <paramref name="digest"/>: SignedInfo is canonicalized as it is written and signed.
    /// </summary>
    public static async Task<string> WriteAsync(string id, byte[] digest, ISamlSigner signer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(signer);
        using var writer = new SamlXmlWriter(3072);
        writer.Start(Prefix, "Signature", Ds);
        writer.BeginCanonical();
        writer.Start(Prefix, "SignedInfo", Ds);
        Method(writer, "CanonicalizationMethod", SamlConstants.Algorithms.ExclusiveC14N);
        Method(writer, "SignatureMethod", signer.SignatureAlgorithm);
        writer.Start(Prefix, "Reference", Ds).Attribute("URI", "#" + id);
        writer.Start(Prefix, "Transforms", Ds);
        Method(writer, "Transform", SamlConstants.Algorithms.EnvelopedSignature);
        Method(writer, "Transform", SamlConstants.Algorithms.ExclusiveC14N);
        writer.End();
        Method(writer, "DigestMethod", SamlConstants.Algorithms.Sha256);
        writer.TextElement(Prefix, "DigestValue", Ds, Convert.ToBase64String(digest));
        writer.End().End();

        var signedInfo = Encoding.UTF8.GetBytes(writer.TakeCanonical());
        var value = await signer.SignAsync(signedInfo, cancellationToken).ConfigureAwait(false);
        writer.TextElement(Prefix, "SignatureValue", Ds, Convert.ToBase64String(value));
        writer.Start(Prefix, "KeyInfo", Ds).Start(Prefix, "X509Data", Ds)
            .TextElement(Prefix, "X509Certificate", Ds, CertificateText.GetValue(signer.Certificate, static c => Convert.ToBase64String(c.RawData)))
            .End().End();
        writer.End();
        return writer.ToString();
    }

    private static void Method(SamlXmlWriter writer, string localName, string algorithm) =>
        writer.Start(Prefix, localName, Ds).Attribute("Algorithm", algorithm).End();
}
