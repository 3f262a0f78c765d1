using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using Xunit;

namespace NemLogin.Saml.Tests.Support;

/// <summary>The sample documents signed by our writer and sent over the wire (serialized and parsed again).</summary>
public static class SignedSamples
{
    /// <summary>The identity provider's certificate shared by the signature tests (key generation is slow).</summary>
    public static X509Certificate2 IdpCertificate { get; } = TestCertificates.CreateRsa("idp.example.test");

    public static IReadOnlyList<X509Certificate2> Trusted { get; } = [X509CertificateLoader.LoadCertificate(IdpCertificate.RawData)];

    public static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public static async Task<XmlDocument> AssertionAsync(ISamlSigner? signer = null)
    {
        var document = Fixtures.Assertion();
        var assertion = document.DocumentElement!;
        await XmlSignatureWriter.SignAsync(
            assertion,
            SamlXml.Issuer(assertion),
            signer ?? new RsaSamlSigner(IdpCertificate),
            TestContext.Current.CancellationToken);
        return SamlXml.Reparse(document);
    }

    /// <summary>The sample response with its assertion signed (the response itself unsigned, as OIOSAML 3 prefers).</summary>
    public static async Task<XmlDocument> ResponseWithSignedAssertionAsync(ISamlSigner? signer = null)
    {
        var document = Fixtures.Response();
        var assertion = SamlXml.Assertion(document);
        await XmlSignatureWriter.SignAsync(
            assertion,
            SamlXml.Issuer(assertion),
            signer ?? new RsaSamlSigner(IdpCertificate),
            TestContext.Current.CancellationToken);
        return SamlXml.Reparse(document);
    }
}
