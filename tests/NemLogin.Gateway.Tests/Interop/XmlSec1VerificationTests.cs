using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Validation;
using NemLogin.Saml.Xml;
using Xunit;

namespace NemLogin.Gateway.Tests.Interop;

/// <summary>
/// xmlsec1 (libxmlsec 1.2.37, Debian 12), an independent XML-DSig and XML Encryption implementation, verifies our assertion
/// signature against our metadata certificate and decrypts what we encrypt for an SP that names no algorithms.
/// </summary>
public sealed class XmlSec1VerificationTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task XmlSec1_SpMetadataWithoutEncryptionMethod_DecryptsAssertionWithSpKey()
    {
        // SP A's metadata lists no EncryptionMethod, like most SP software: it must get what every SAML stack decrypts
        // (saml-conformance-2.0-os: rsa-oaep-mgf1p key transport), not XML Encryption 1.1 rsa-oaep, which xmlsec1 1.2 lacks.
        Assert.Empty(fixture.SpA.EncryptionMethods);
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));
        var directory = Directory.CreateTempSubdirectory("nemlogin-xmlsec1-decrypt-").FullName;
        try
        {
            var responsePath = Path.Combine(directory, "response.xml");
            var keyPath = Path.Combine(directory, "sp-key.pem");
            await File.WriteAllTextAsync(responsePath, outcome.ResponseXml, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(keyPath, fixture.SpA.Certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);

            var result = await ExternalTool.RunAsync("xmlsec1", ["--decrypt", "--privkey-pem", keyPath, responsePath]);

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Contains($"Algorithm=\"{SamlConstants.Algorithms.RsaOaepMgf1p}\"", outcome.ResponseXml, StringComparison.Ordinal);
            Assert.Contains($"Algorithm=\"{SamlConstants.Algorithms.Aes256Gcm}\"", outcome.ResponseXml, StringComparison.Ordinal);
            var decrypted = SafeXml.Load(result.StandardOutput, SamlLimits.Default);
            var assertion = Assert.Single(decrypted.GetElementsByTagName("Assertion", SamlConstants.Namespaces.Assertion).Cast<XmlElement>());
            var confirmation = (XmlElement)assertion.GetElementsByTagName("SubjectConfirmationData", SamlConstants.Namespaces.Assertion)[0]!;
            Assert.Equal(request.Id, confirmation.GetAttribute("InResponseTo"));
            Assert.Equal(fixture.SpA.EntityId, assertion.GetElementsByTagName("Audience", SamlConstants.Namespaces.Assertion)[0]!.InnerText);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task XmlSec1_DecryptedAssertion_VerifiesWithMetadataCertificate()
    {
        var (assertionPath, certPath) = await LoginAndWriteAssertionAsync(tamper: false);

        var result = await VerifyAsync(assertionPath, certPath);

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Fact]
    public async Task XmlSec1_TamperedAssertion_Fails()
    {
        var (assertionPath, certPath) = await LoginAndWriteAssertionAsync(tamper: true);

        var result = await VerifyAsync(assertionPath, certPath);

        Assert.NotEqual(0, result.ExitCode);
    }

    private async Task<(string AssertionPath, string CertPath)> LoginAndWriteAssertionAsync(bool tamper)
    {
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));
        var assertion = ResponseValidator.DecryptAssertionUnvalidated(outcome.ResponseXml, [fixture.SpA.Certificate], SamlLimits.Default);
        if (tamper)
        {
            assertion = assertion.Replace(">Substantial<", ">High<", StringComparison.Ordinal);
            Assert.Contains(">High<", assertion, StringComparison.Ordinal);
        }

        var directory = Directory.CreateTempSubdirectory("nemlogin-xmlsec1-").FullName;
        var assertionPath = Path.Combine(directory, "assertion.xml");
        var certPath = Path.Combine(directory, "idp.pem");
        await File.WriteAllTextAsync(assertionPath, assertion, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(certPath, fixture.IdpMetadata.SigningCertificates[0].ExportCertificatePem(), TestContext.Current.CancellationToken);
        return (assertionPath, certPath);
    }

    private static Task<ExternalTool.Result> VerifyAsync(string assertionPath, string certPath) =>
        ExternalTool.RunAsync("xmlsec1", ["--verify", "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", "--pubkey-cert-pem", certPath, assertionPath]);
}
