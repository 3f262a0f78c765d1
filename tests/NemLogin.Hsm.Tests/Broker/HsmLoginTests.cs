using System.Security.Cryptography.X509Certificates;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Validation;

namespace NemLogin.Hsm.Tests.Broker;

/// <summary>
/// A full SAML login through the embedded broker with Signing:Provider=Pkcs11: the assertion's signature verifies against
/// the certificate read straight out of the token (pkcs11-tool), with our validator and with xmlsec1.
/// </summary>
public sealed class HsmLoginTests(HsmLoginTests.Fixture fixture) : IClassFixture<HsmLoginTests.Fixture>
{
    private readonly HsmBroker _broker = fixture.Broker;
    private readonly X509Certificate2 _tokenCertificate = fixture.TokenCertificate;
    private readonly string _tokenCertificatePem = fixture.TokenCertificate.ExportCertificatePem();

    [Fact]
    public async Task Login_Pkcs11Provider_AssertionVerifiesWithTheTokenCertificateOnly()
    {
        var (request, outcome) = await LoginAsync();
        var idp = (await _broker.MetadataAsync()) with { SigningCertificates = [_tokenCertificate] };

        var assertion = _broker.Sp.Validate(outcome.ResponseXml, request.Id, idp).Value;

        Assert.StartsWith(SamlConstants.OioSaml.PersonNameIdPrefix, assertion.NameId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Pkcs11Provider_Xmlsec1VerifiesTheAssertionWithTheTokenCertificate()
    {
        var (_, outcome) = await LoginAsync();
        var assertion = ResponseValidator.DecryptAssertionUnvalidated(outcome.ResponseXml, [_broker.Sp.Certificate], SamlLimits.Default);
        var folder = Directory.CreateTempSubdirectory("nemlogin-hsm-xmlsec1-").FullName;
        var assertionPath = Path.Combine(folder, "assertion.xml");
        var certificatePath = Path.Combine(folder, "hsm.pem");
        await File.WriteAllTextAsync(assertionPath, assertion, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(certificatePath, _tokenCertificatePem, TestContext.Current.CancellationToken);

        var verified = await ExternalTool.RunAsync("xmlsec1", ["--verify", "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", "--pubkey-cert-pem", certificatePath, assertionPath]);

        Assert.True(verified.ExitCode == 0, verified.StandardError);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Metadata_Pkcs11Provider_PublishesTheTokenCertificateAndIsSignedByIt()
    {
        var metadata = await _broker.MetadataAsync();

        var published = Assert.Single(metadata.SigningCertificates);
        Assert.Equal(_tokenCertificate.RawData, published.RawData);
    }

    [Fact]
    public async Task Readiness_Pkcs11Provider_HealthyAfterAProbeSignature()
    {
        using var http = _broker.CreateClient();

        var ready = await http.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    private async Task<(NemLogin.Saml.Messages.AuthnRequest Request, SamlLoginWalk.Outcome Outcome)> LoginAsync()
    {
        var sso = _broker.BaseUrl + "/saml/sso";
        using var browser = new TestBrowser();
        var request = _broker.Sp.NewRequest(sso);
        var outcome = await SamlLoginWalk.RunAsync(browser, await _broker.Sp.RedirectUrlAsync(sso, request));
        return (request, outcome);
    }

    /// <summary>One broker for the class, and its SAML certificate as pkcs11-tool reads it out of the token.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public HsmBroker Broker { get; } = new();

        public X509Certificate2 TokenCertificate { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var der = Path.Combine(SoftHsm.Directory, Broker.Token.TokenLabel + ".der");
            var read = await SoftHsm.Pkcs11ToolAsync("--token-label", Broker.Token.TokenLabel, "--read-object", "--type", "cert", "--label", "saml-signing", "--output-file", der);
            Assert.True(read.ExitCode == 0, read.StandardError);
            TokenCertificate = X509CertificateLoader.LoadCertificateFromFile(der);
        }

        public async ValueTask DisposeAsync() => await Broker.DisposeAsync();
    }
}
