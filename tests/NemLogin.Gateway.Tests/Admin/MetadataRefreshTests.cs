using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>
/// Metadata refreshed from the SP's URL: a document signed by the registered metadata-signing certificate replaces the
/// registration; unsigned, wrongly signed or foreign documents change nothing.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class MetadataRefreshTests(AdminFixture fixture)
{
    [Fact]
    public async Task Refresh_SignedByTrustedCertificate_RegistrationReplacedAndPolicyKept()
    {
        await using var server = new MetadataServer();
        var signer = SpMetadata.NewSigningCertificate("md signer");
        var (sp, moved) = await RegisterWithMovedAcsAsync("signed");
        await SetSourceAsync(sp, server, Convert.ToBase64String(signer.RawData));
        await fixture.Admin.PutJsonAsync(AdminClient.SpPath(sp.EntityId, "policy"), new { allowedAttributes = Array.Empty<string>(), minimumLoa = "High", allowSso = false });
        server.Document = await SpMetadata.SignedAsync(moved.Metadata(), signer);

        var reply = await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "metadata-source/refresh"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(moved.AcsUrl, reply.Json["assertionConsumerServices"]![0]!["location"]!.GetValue<string>());
        Assert.Equal("High", reply.Json["policy"]!["minimumLoa"]!.GetValue<string>());
        Assert.Equal(1, server.Fetches);
    }

    [Fact]
    public async Task Refresh_UnsignedWhenCertificateRegistered_RefusedSignatureMissingAndUnchanged()
    {
        // Signature exclusion on metadata: a registration that names a signer accepts nothing unsigned.
        await using var server = new MetadataServer();
        var (sp, moved) = await RegisterWithMovedAcsAsync("unsigned");
        await SetSourceAsync(sp, server, Convert.ToBase64String(SpMetadata.NewSigningCertificate("md signer").RawData));
        server.Document = moved.Metadata();

        var reply = await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "metadata-source/refresh"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal($"saml.{(int)SamlErrorCode.SignatureMissing}.{SamlErrorCode.SignatureMissing}", reply.ProblemCode);
        await AssertAcsAsync(sp, sp.AcsUrl);
    }

    [Fact]
    public async Task Refresh_SignedByOtherKey_RefusedAndUnchanged()
    {
        // Keys only from the registration: a valid signature by anyone else's key is no signature.
        await using var server = new MetadataServer();
        var (sp, moved) = await RegisterWithMovedAcsAsync("other-key");
        await SetSourceAsync(sp, server, Convert.ToBase64String(SpMetadata.NewSigningCertificate("trusted").RawData));
        server.Document = await SpMetadata.SignedAsync(moved.Metadata(), SpMetadata.NewSigningCertificate("attacker"));

        var reply = await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "metadata-source/refresh"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("saml.3", reply.ProblemCode, StringComparison.Ordinal);
        await AssertAcsAsync(sp, sp.AcsUrl);
    }

    [Fact]
    public async Task Refresh_SignedDocumentTampered_RefusedSignatureInvalidAndUnchanged()
    {
        await using var server = new MetadataServer();
        var signer = SpMetadata.NewSigningCertificate("md signer");
        var (sp, moved) = await RegisterWithMovedAcsAsync("tampered");
        await SetSourceAsync(sp, server, Convert.ToBase64String(signer.RawData));
        var signed = await SpMetadata.SignedAsync(sp.Metadata(), signer);
        server.Document = signed.Replace(sp.AcsUrl, moved.AcsUrl, StringComparison.Ordinal);

        var reply = await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "metadata-source/refresh"));

        Assert.Equal($"saml.{(int)SamlErrorCode.SignatureInvalid}.{SamlErrorCode.SignatureInvalid}", reply.ProblemCode);
        await AssertAcsAsync(sp, sp.AcsUrl);
    }

    [Fact]
    public async Task Refresh_DocumentOfAnotherEntity_RefusedAndUnchanged()
    {
        // Impersonation: one SP's URL serving another SP's metadata must not move that SP's keys under this entityID.
        await using var server = new MetadataServer();
        var (sp, _) = await RegisterWithMovedAcsAsync("foreign");
        await SetSourceAsync(sp, server, null);
        server.Document = AdminFixture.NewServiceProvider("someone-else").Metadata();

        var reply = await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "metadata-source/refresh"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("sp.entity-id-mismatch", reply.ProblemCode);
        await AssertAcsAsync(sp, sp.AcsUrl);
    }

    [Fact]
    public async Task Refresh_PeriodicRound_FetchesDueSourceOnceAndLogsInWithNewMetadata()
    {
        await using var server = new MetadataServer();
        var (sp, moved) = await RegisterWithMovedAcsAsync("periodic");
        await SetSourceAsync(sp, server, null);
        server.Document = moved.Metadata();
        var refresher = fixture.Broker.Services.GetRequiredService<MetadataRefreshService>();

        await refresher.RefreshDueAsync(TestContext.Current.CancellationToken);
        await refresher.RefreshDueAsync(TestContext.Current.CancellationToken);

        // Due at once after the source was set, then not again before its interval (hours) has passed.
        Assert.Equal(1, server.Fetches);
        await AssertAcsAsync(sp, moved.AcsUrl);
        using var browser = new TestBrowser();
        var request = sp.NewRequest(fixture.SsoUrl, acsUrl: moved.AcsUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, request));
        Assert.Equal(moved.AcsUrl, outcome.FinalPage.Form().Action);
    }

    [Fact]
    public async Task Refresh_WithoutSource_ConflictWithCode()
    {
        var (sp, _) = await RegisterWithMovedAcsAsync("no-source");

        var reply = await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "metadata-source/refresh"));

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("admin.metadata-source.missing", reply.ProblemCode);
    }

    [Theory]
    [InlineData("http://metadata.example.dk/sp.xml", null, "admin.metadata-source.url-invalid")]
    [InlineData("file:///etc/passwd", null, "admin.metadata-source.url-invalid")]
    [InlineData("https://metadata.example.dk/sp.xml", "00:01:00", "admin.metadata-source.interval-invalid")]
    [InlineData("https://metadata.example.dk/sp.xml", "2.00:00:00", "admin.metadata-source.interval-invalid")]
    public async Task Source_Defective_RefusedWithCode(string url, string? interval, string code)
    {
        var (sp, _) = await RegisterWithMovedAcsAsync("bad-source");

        var reply = await fixture.Admin.PutJsonAsync(AdminClient.SpPath(sp.EntityId, "metadata-source"), new { url, refreshInterval = interval });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(code, reply.ProblemCode);
        Assert.Null((await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId))).Json["metadataSource"]);
    }

    [Fact]
    public async Task Source_CertificateNotACertificate_RefusedWithCode()
    {
        var (sp, _) = await RegisterWithMovedAcsAsync("bad-cert");

        var reply = await fixture.Admin.PutJsonAsync(
            AdminClient.SpPath(sp.EntityId, "metadata-source"), new { url = "https://metadata.example.dk/sp.xml", signingCertificate = "bm90IGEgY2VydA==" });

        Assert.Equal("admin.metadata-source.certificate-invalid", reply.ProblemCode);
    }

    [Fact]
    public async Task Source_Removed_NoLongerRefreshed()
    {
        await using var server = new MetadataServer();
        var (sp, moved) = await RegisterWithMovedAcsAsync("removed");
        await SetSourceAsync(sp, server, null);
        server.Document = moved.Metadata();

        var removed = await fixture.Admin.DeleteAsync(AdminClient.SpPath(sp.EntityId, "metadata-source"));
        await fixture.Broker.Services.GetRequiredService<MetadataRefreshService>().RefreshDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(0, server.Fetches);
        await AssertAcsAsync(sp, sp.AcsUrl);
    }

    /// <summary>An SP registered now, and the same entityID with its keys but another ACS: what a refresh would bring.</summary>
    private async Task<(TestServiceProvider Sp, Moved Moved)> RegisterWithMovedAcsAsync(string label)
    {
        var sp = AdminFixture.NewServiceProvider(label);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.RegisterAsync(sp.Metadata())).Status);
        var acs = sp.AcsUrl.Replace("/saml/acs", "/saml/acs-2", StringComparison.Ordinal);
        return (sp, new Moved(SpMetadata.WithAcsLocation(sp.Metadata(), acs), acs));
    }

    /// <summary>The SP's metadata with another ACS URL (same keys, same entityID).</summary>
    private sealed record Moved(string Xml, string AcsUrl)
    {
        public string Metadata() => Xml;
    }

    private async Task SetSourceAsync(TestServiceProvider sp, MetadataServer server, string? certificate)
    {
        var reply = await fixture.Admin.PutJsonAsync(AdminClient.SpPath(sp.EntityId, "metadata-source"), new { url = server.Url, signingCertificate = certificate });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
    }

    private async Task AssertAcsAsync(TestServiceProvider sp, string expected) =>
        Assert.Equal(expected, (await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId))).Json["assertionConsumerServices"]![0]!["location"]!.GetValue<string>());
}
