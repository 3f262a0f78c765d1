using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Xml;
using Xunit;

namespace NemLogin.Gateway.Tests.EndToEnd;

public sealed class MetadataAndHealthTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public void Metadata_Published_SignedByItsOwnSigningCertificate()
    {
        var document = SafeXml.Load(fixture.IdpMetadataXml, SamlLimits.Default);

        var verifiedWith = XmlSignatureVerifier.Verify(document.DocumentElement!, fixture.IdpMetadata.SigningCertificates, SignaturePolicy.Default, DateTimeOffset.UtcNow);

        Assert.Equal(fixture.IdpMetadata.SigningCertificates[0].Thumbprint, verifiedWith.Thumbprint);
        Assert.True(fixture.IdpMetadata.WantAuthnRequestsSigned);
        Assert.Contains(fixture.IdpMetadata.SingleSignOnServices, e => e.Binding == SamlConstants.Bindings.HttpRedirect && e.Location == fixture.SsoUrl);
    }

    [Fact]
    public async Task Health_LiveAndReady_Ok()
    {
        using var http = new HttpClient();

        var live = await http.GetAsync(fixture.BaseUrl + "/health/live", TestContext.Current.CancellationToken);
        var ready = await http.GetAsync(fixture.BaseUrl + "/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
