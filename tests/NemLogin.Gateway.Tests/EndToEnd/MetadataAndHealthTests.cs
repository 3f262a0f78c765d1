using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Xml;
using Xunit;
using A = NemLogin.Saml.SamlConstants.Attributes;

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
    public void Metadata_Attributes_OnlyThoseTheBrokerIssues()
    {
        // SAML Metadata 2.4.3: the IdP offers what it can assert: the citizen and the professional profiles' attributes with
        // privileges. Authorisation to represent and bootstrap tokens are not issued yet, so an SP must not find them offered.
        var document = SafeXml.Load(fixture.IdpMetadataXml, SamlLimits.Default);
        var offered = document.GetElementsByTagName("Attribute", SamlConstants.Namespaces.Assertion)
            .Cast<System.Xml.XmlElement>().Select(a => a.GetAttribute("Name")).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            new HashSet<string>(StringComparer.Ordinal)
            {
                A.SpecVersion, A.Loa, A.Ial, A.Aal, A.FullName, A.FirstName, A.LastName, A.Email, A.CprNumber, A.CprUuid, A.DateOfBirth, A.Age,
                A.ProfessionalUuid, A.Cvr, A.OrgName, A.ProductionUnit, A.SeNumber, A.PrivilegesIntermediate,
            },
            offered);
        Assert.DoesNotContain(A.AuthorizedToRepresent, offered);
        Assert.DoesNotContain(A.BootstrapToken, offered);
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
