using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Validation;
using Xunit;

namespace NemLogin.Gateway.Tests.Interop;

/// <summary>xmlsec1, an independent XML-DSig implementation, verifies our assertion signature against our metadata certificate.</summary>
public sealed class XmlSec1VerificationTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
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
