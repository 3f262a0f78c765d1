using System.Net;
using System.Text;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>
/// Every defect in posted SP metadata is refused with its own code (RFC 9457 problem details) and registers nothing.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class MetadataDefectTests(AdminFixture fixture)
{
    [Fact]
    public async Task Register_NoSigningCertificate_RefusedMetadataCertificateMissing()
    {
        // Signature exclusion: an SP without a signing key could never have its requests checked.
        var sp = AdminFixture.NewServiceProvider("no-signing");

        var reply = await fixture.Admin.RegisterAsync(SpMetadata.WithoutSigningKey(sp.Metadata()));

        await AssertRefusedAsync(reply, SamlErrorCode.MetadataCertificateMissing, sp.EntityId);
    }

    [Fact]
    public async Task Register_ExpiredCertificate_RefusedMetadataCertificateExpired()
    {
        var sp = AdminFixture.NewServiceProvider("expired");

        var reply = await fixture.Admin.RegisterAsync(SpMetadata.WithExpiredCertificate(sp.EntityId, sp.AcsUrl));

        await AssertRefusedAsync(reply, SamlErrorCode.MetadataCertificateExpired, sp.EntityId);
    }

    [Fact]
    public async Task Register_Rsa1024Key_RefusedMetadataKeyTooSmall()
    {
        // Weak keys (NIST SP 800-131A): a factorable signing key lets anyone sign as the SP; an encryption key, read its assertions.
        var host = $"sp-weak-{Guid.NewGuid():N}.test";
        var sp = new TestServiceProvider($"https://{host}/saml", $"https://{host}/saml/acs", keyBits: 1024);

        var reply = await fixture.Admin.RegisterAsync(sp.Metadata());

        await AssertRefusedAsync(reply, SamlErrorCode.MetadataKeyTooSmall, sp.EntityId);
    }

    [Fact]
    public async Task Register_NoPostAcs_RefusedMetadataAcsMissing()
    {
        var sp = AdminFixture.NewServiceProvider("redirect-acs");

        var reply = await fixture.Admin.RegisterAsync(SpMetadata.WithAcsBinding(sp.Metadata(), SamlConstants.Bindings.HttpRedirect));

        await AssertRefusedAsync(reply, SamlErrorCode.MetadataAcsMissing, sp.EntityId);
    }

    [Fact]
    public async Task Register_HttpAcsNotLoopback_RefusedMetadataEndpointInsecure()
    {
        // Bearer assertions over plain HTTP could be read on the way.
        var sp = AdminFixture.NewServiceProvider("http-acs");

        var reply = await fixture.Admin.RegisterAsync(SpMetadata.WithAcsLocation(sp.Metadata(), "http://sp.example.dk/acs"));

        await AssertRefusedAsync(reply, SamlErrorCode.MetadataEndpointInsecure, sp.EntityId);
    }

    [Fact]
    public async Task Register_UnknownRequestedAttribute_RefusedMetadataAttributeUnknown()
    {
        var sp = AdminFixture.NewServiceProvider("unknown-attribute");

        var reply = await fixture.Admin.RegisterAsync(SpMetadata.WithRequestedAttribute(sp.Metadata(), "https://data.gov.dk/model/core/eid/shoeSize"));

        await AssertRefusedAsync(reply, SamlErrorCode.MetadataAttributeUnknown, sp.EntityId);
    }

    [Fact]
    public async Task Register_MalformedXml_RefusedXmlMalformed()
    {
        var sp = AdminFixture.NewServiceProvider("malformed");
        var xml = sp.Metadata();

        var reply = await fixture.Admin.RegisterAsync(xml[..(xml.Length / 2)]);

        await AssertRefusedAsync(reply, SamlErrorCode.XmlMalformed, sp.EntityId);
    }

    [Fact]
    public async Task Register_Dtd_RefusedXmlDtdProhibited()
    {
        // XXE / entity expansion: a DTD is refused before anything is parsed.
        var sp = AdminFixture.NewServiceProvider("dtd");
        var xml = "<!DOCTYPE md:EntityDescriptor [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + sp.Metadata().Replace("Test SP", "&x;", StringComparison.Ordinal);

        var reply = await fixture.Admin.RegisterAsync(xml);

        await AssertRefusedAsync(reply, SamlErrorCode.XmlDtdProhibited, sp.EntityId);
        Assert.DoesNotContain("root:", reply.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task Register_WrongContentType_UnsupportedMediaType(string mediaType)
    {
        var sp = AdminFixture.NewServiceProvider("media-type");

        var reply = await fixture.Admin.RegisterAsync(sp.Metadata(), mediaType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
        Assert.Equal("admin.unsupported-media-type", reply.ProblemCode);
        await AssertNotRegisteredAsync(sp.EntityId);
    }

    [Fact]
    public async Task Register_OversizeBody_PayloadTooLarge()
    {
        var sp = AdminFixture.NewServiceProvider("oversize");
        var padding = new StringBuilder().Append(' ', 200 * 1024).ToString();
        var xml = sp.Metadata().Replace("</md:EntityDescriptor>", "<!--" + padding + "--></md:EntityDescriptor>", StringComparison.Ordinal);

        var reply = await fixture.Admin.RegisterAsync(xml);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("admin.body-too-large", reply.ProblemCode);
        await AssertNotRegisteredAsync(sp.EntityId);
    }

    private async Task AssertRefusedAsync(AdminClient.Reply reply, SamlErrorCode expected, string entityId)
    {
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal($"saml.{(int)expected}.{expected}", reply.ProblemCode);
        Assert.Equal((int)expected, reply.Json["samlErrorCode"]!.GetValue<int>());
        await AssertNotRegisteredAsync(entityId);
    }

    private async Task AssertNotRegisteredAsync(string entityId) =>
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetAsync(AdminClient.SpPath(entityId))).Status);
}
