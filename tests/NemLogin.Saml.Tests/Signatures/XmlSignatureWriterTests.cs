using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Tests.Support;
using Xunit;

namespace NemLogin.Saml.Tests.Signatures;

public sealed class XmlSignatureWriterTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignThenVerify_RsaPkcs1OrPss_VerifiesWithSignerCertificate(bool usePss)
    {
        var document = await SignedSamples.AssertionAsync(new RsaSamlSigner(SignedSamples.IdpCertificate, usePss));

        var verifiedBy = XmlSignatureVerifier.Verify(
            document.DocumentElement!, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);

        Assert.Equal(SignedSamples.IdpCertificate.Thumbprint, verifiedBy.Thumbprint);
        var method = SamlXml.Select(document, "/saml:Assertion/ds:Signature/ds:SignedInfo/ds:SignatureMethod");
        Assert.Equal(usePss ? SamlConstants.Algorithms.RsaPssSha256 : SamlConstants.Algorithms.RsaSha256, method.GetAttribute("Algorithm"));
    }

    [Fact]
    public async Task SignThenVerify_Ecdsa_VerifiesWithSignerCertificate()
    {
        using var signer = new EcdsaTestSigner("ecdsa.idp.example.test");
        var document = await SignedSamples.AssertionAsync(signer);

        var verifiedBy = XmlSignatureVerifier.Verify(document.DocumentElement!, [signer.Certificate], SignaturePolicy.Default, SignedSamples.Now);

        Assert.Equal(signer.Certificate.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public async Task SignThenVerify_AssertionInsideResponse_VerifiesWithNamespacesInheritedFromResponse()
    {
        var document = await SignedSamples.ResponseWithSignedAssertionAsync();

        var verifiedBy = XmlSignatureVerifier.Verify(
            SamlXml.Assertion(document), SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);

        Assert.Equal(SignedSamples.IdpCertificate.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public async Task Sign_DocumentBuiltThroughDom_VerifiesAfterSerialization()
    {
        // Messages are built with CreateElement, which records namespaces without xmlns attributes.
        var document = new XmlDocument();
        var assertion = document.CreateElement("saml", "Assertion", SamlConstants.Namespaces.Assertion);
        assertion.SetAttribute("ID", "_built");
        var issuer = document.CreateElement("saml", "Issuer", SamlConstants.Namespaces.Assertion);
        issuer.InnerText = "https://idp.example.test";
        assertion.AppendChild(issuer);
        var subject = document.CreateElement("saml", "Subject", SamlConstants.Namespaces.Assertion);
        var type = document.CreateAttribute("xsi", "type", SamlConstants.Namespaces.XmlSchemaInstance);
        type.Value = "xs:string";
        subject.Attributes.Append(type);
        assertion.AppendChild(subject);
        document.AppendChild(assertion);

        await XmlSignatureWriter.SignAsync(assertion, issuer, new RsaSamlSigner(SignedSamples.IdpCertificate), TestContext.Current.CancellationToken);
        var received = SamlXml.Reparse(document);

        XmlSignatureVerifier.Verify(received.DocumentElement!, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);
    }

    [Fact]
    public async Task Sign_NamespacedAttributeWithoutPrefix_Throws()
    {
        var document = Fixtures.Assertion();
        document.DocumentElement!.SetAttribute("type", SamlConstants.Namespaces.XmlSchemaInstance, "x");

        await Assert.ThrowsAsync<ArgumentException>(() => XmlSignatureWriter.SignAsync(
            document.DocumentElement, null, new RsaSamlSigner(SignedSamples.IdpCertificate), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sign_WithIssuer_PlacesSignatureDirectlyAfterIssuer()
    {
        var document = await SignedSamples.AssertionAsync();

        var elements = document.DocumentElement!.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToList();

        Assert.Equal(["Issuer", "Signature", "Subject", "AttributeStatement"], elements);
    }

    [Fact]
    public async Task Sign_WithoutInsertAfter_PlacesSignatureFirst()
    {
        var document = Fixtures.Assertion();
        var assertion = document.DocumentElement!;

        await XmlSignatureWriter.SignAsync(assertion, null, new RsaSamlSigner(SignedSamples.IdpCertificate), TestContext.Current.CancellationToken);

        Assert.Equal("Signature", assertion.FirstChild!.LocalName);
        XmlSignatureVerifier.Verify(SamlXml.Reparse(document).DocumentElement!, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);
    }

    [Fact]
    public async Task Sign_Always_WritesOneReferenceEnvelopedExcC14nSha256AndCertificate()
    {
        var document = await SignedSamples.AssertionAsync();

        var reference = SamlXml.Select(document, "/saml:Assertion/ds:Signature/ds:SignedInfo/ds:Reference");
        var transforms = reference.SelectNodes("ds:Transforms/ds:Transform/@Algorithm", SamlXml.Namespaces(document))!
            .Cast<XmlAttribute>().Select(a => a.Value).ToList();
        var certificate = SamlXml.Select(document, "/saml:Assertion/ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate");

        Assert.Equal("#" + SamlXml.AssertionId, reference.GetAttribute("URI"));
        Assert.Equal([SamlConstants.Algorithms.EnvelopedSignature, SamlConstants.Algorithms.ExclusiveC14N], transforms);
        Assert.Equal(SamlConstants.Algorithms.Sha256, SamlXml.Select(document, "//ds:DigestMethod").GetAttribute("Algorithm"));
        Assert.Equal(SignedSamples.IdpCertificate.RawData, Convert.FromBase64String(certificate.InnerText));
    }

    [Fact]
    public async Task Sign_ElementWithoutId_Throws()
    {
        var document = Fixtures.Assertion();
        document.DocumentElement!.RemoveAttribute("ID");

        await Assert.ThrowsAsync<ArgumentException>(() => XmlSignatureWriter.SignAsync(
            document.DocumentElement, null, new RsaSamlSigner(SignedSamples.IdpCertificate), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sign_SignerFails_LeavesElementUnsigned()
    {
        // An HSM failure must never leave a half-made signature behind (docs/security.md, Faults: never an unsigned output).
        var document = Fixtures.Assertion();
        var before = document.OuterXml;

        await Assert.ThrowsAsync<InvalidOperationException>(() => XmlSignatureWriter.SignAsync(
            document.DocumentElement!, null, new FailingSigner(), TestContext.Current.CancellationToken));

        Assert.Equal(before, document.OuterXml);
    }

    private sealed class FailingSigner : ISamlSigner
    {
        public X509Certificate2 Certificate => SignedSamples.IdpCertificate;

        public string SignatureAlgorithm => SamlConstants.Algorithms.RsaSha256;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("CKR_DEVICE_ERROR");
    }
}
