using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>An SP registered, changed, disabled or deleted through the admin API: the next request sees it, no restart.</summary>
[Collection(AdminCollection.Name)]
public sealed class ServiceProviderLifecycleTests(AdminFixture fixture)
{
    [Fact]
    public async Task Register_ValidMetadata_CreatedAndLogsInAtOnce()
    {
        var sp = AdminFixture.NewServiceProvider("api");

        var created = await fixture.Admin.RegisterAsync(sp.Metadata());
        using var browser = new TestBrowser();
        var request = sp.NewRequest(fixture.SsoUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, request));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(AdminClient.SpPath(sp.EntityId), created.Location?.OriginalString);
        Assert.Equal(sp.EntityId, created.Json["entityId"]!.GetValue<string>());
        Assert.Equal(1, created.Json["version"]!.GetValue<long>());
        Assert.True(outcome.SawLoginPage);
        sp.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata);
    }

    [Fact]
    public async Task Register_SameEntityAgain_ReplacedWithNewVersion()
    {
        var sp = AdminFixture.NewServiceProvider("replace");
        await fixture.Admin.RegisterAsync(sp.Metadata());

        var replaced = await fixture.Admin.RegisterAsync(sp.Metadata());

        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal(2, replaced.Json["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Disable_RegisteredSp_NextRequestRefusedAndEnableRestores()
    {
        var sp = AdminFixture.NewServiceProvider("disable");
        await fixture.Admin.RegisterAsync(sp.Metadata());
        using var browser = new TestBrowser();
        await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, sp.NewRequest(fixture.SsoUrl)));

        var disabled = await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "disable"));
        var refused = await browser.GetAsync(await sp.RedirectUrlAsync(fixture.SsoUrl, sp.NewRequest(fixture.SsoUrl)));

        Assert.Equal(HttpStatusCode.OK, disabled.Status);
        Assert.False(disabled.Json["enabled"]!.GetValue<bool>());
        // Even with a live session, a disabled SP gets nothing: an error page, never a post.
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("saml.502.IssuerUnknown", refused.ErrorCode);
        Assert.False(refused.HasForm && refused.Html.Contains("SAMLResponse", StringComparison.Ordinal));

        await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "enable"));
        var request = sp.NewRequest(fixture.SsoUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, request));
        sp.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata);
    }

    [Fact]
    public async Task Delete_RegisteredSp_NextRequestRefusedAndGoneFromList()
    {
        var sp = AdminFixture.NewServiceProvider("delete");
        await fixture.Admin.RegisterAsync(sp.Metadata());

        var deleted = await fixture.Admin.DeleteAsync(AdminClient.SpPath(sp.EntityId));
        using var browser = new TestBrowser();
        var refused = await browser.GetAsync(await sp.RedirectUrlAsync(fixture.SsoUrl, sp.NewRequest(fixture.SsoUrl)));
        var list = await fixture.Admin.GetAsync("/api/admin/service-providers?limit=1000");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal("saml.502.IssuerUnknown", refused.ErrorCode);
        Assert.DoesNotContain(list.Json["items"]!.AsArray(), item => item!["entityId"]!.GetValue<string>() == sp.EntityId);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId))).Status);
    }

    [Fact]
    public async Task Delete_UnknownSp_NotFoundWithCode()
    {
        var reply = await fixture.Admin.DeleteAsync(AdminClient.SpPath("https://never-registered.example.dk/saml"));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("admin.sp-unknown", reply.ProblemCode);
    }

    [Fact]
    public async Task List_RegisteredThroughApiAndFolder_BothListed()
    {
        var sp = AdminFixture.NewServiceProvider("listed");
        await fixture.Admin.RegisterAsync(sp.Metadata());

        var list = await fixture.Admin.GetAsync("/api/admin/service-providers?limit=1000");

        var ids = list.Json["items"]!.AsArray().Select(item => item!["entityId"]!.GetValue<string>()).ToList();
        Assert.Contains(sp.EntityId, ids);
        Assert.Contains(fixture.FileSp.EntityId, ids);
        Assert.True(list.Json["total"]!.GetValue<int>() >= ids.Count);
    }

    [Fact]
    public async Task List_Paged_PagesDoNotOverlap()
    {
        await fixture.Admin.RegisterAsync(AdminFixture.NewServiceProvider("page-a").Metadata());
        await fixture.Admin.RegisterAsync(AdminFixture.NewServiceProvider("page-b").Metadata());

        var first = await fixture.Admin.GetAsync("/api/admin/service-providers?offset=0&limit=1");
        var second = await fixture.Admin.GetAsync("/api/admin/service-providers?offset=1&limit=1");

        var a = Assert.Single(first.Json["items"]!.AsArray())!["entityId"]!.GetValue<string>();
        var b = Assert.Single(second.Json["items"]!.AsArray())!["entityId"]!.GetValue<string>();
        Assert.True(string.CompareOrdinal(a, b) < 0);
    }

    [Fact]
    public async Task List_LimitOutOfRange_RefusedWithCode()
    {
        var reply = await fixture.Admin.GetAsync("/api/admin/service-providers?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("admin.request-invalid", reply.ProblemCode);
    }

    [Fact]
    public async Task Show_RegisteredSp_DetailsFromMetadataAndMetadataDocument()
    {
        var sp = AdminFixture.NewServiceProvider("show");
        var metadata = sp.Metadata();
        await fixture.Admin.RegisterAsync(metadata);

        var shown = await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId));
        var document = await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId, "metadata"));

        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Equal(sp.AcsUrl, shown.Json["assertionConsumerServices"]![0]!["location"]!.GetValue<string>());
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(sp.Certificate.RawData)),
            shown.Json["signingCertificates"]![0]!["sha256Thumbprint"]!.GetValue<string>());
        Assert.Equal("Substantial", shown.Json["policy"]!["minimumLoa"]!.GetValue<string>());
        Assert.Equal(AdminClient.MetadataMediaType, document.MediaType);
        Assert.Equal(metadata, document.Body);
    }

    [Fact]
    public async Task Show_EntityIdWithEncodedPercent_DecodedExactlyOnce()
    {
        // "%41" in an entityID must not turn into "A": the path segment is decoded once, from the raw request target.
        var host = $"sp-pct-{Guid.NewGuid():N}.test";
        var sp = new TestServiceProvider($"https://{host}/saml?x=%41", $"https://{host}/saml/acs");
        await fixture.Admin.RegisterAsync(sp.Metadata());

        var exact = await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId));
        var decodedTwice = await fixture.Admin.GetAsync(AdminClient.SpPath($"https://{host}/saml?x=A"));

        Assert.Equal(HttpStatusCode.OK, exact.Status);
        Assert.Equal(sp.EntityId, exact.Json["entityId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, decodedTwice.Status);
    }

    [Fact]
    public async Task Register_NewSp_GetsConfiguredDefaultsNotMetadataEntitlement()
    {
        // The SP's metadata requests cprNumber; entitlement is the broker's decision (ServiceProviders:CprEntitled).
        var sp = AdminFixture.NewServiceProvider("defaults");

        var created = await fixture.Admin.RegisterAsync(sp.Metadata());

        Assert.False(created.Json["policy"]!["cprEntitled"]!.GetValue<bool>());
        Assert.True(created.Json["policy"]!["allowSso"]!.GetValue<bool>());
        Assert.Contains(SamlConstants.Attributes.CprNumber, created.Json["policy"]!["allowedAttributes"]!.AsArray().Select(a => a!.GetValue<string>()));
    }
}
