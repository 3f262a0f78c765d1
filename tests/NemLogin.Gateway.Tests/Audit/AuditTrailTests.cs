using System.Net;
using System.Text.Json.Nodes;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Audit;

/// <summary>
/// Logins, single sign-on, refusals and administrative changes leave structured audit records, queryable through the
/// admin API by time, SP, identity and correlation id, with paging, and without personal data.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class AuditTrailTests(AdminFixture fixture)
{
    [Fact]
    public async Task Audit_LoginThenSso_RecordsQueryableBySpAndIdentity()
    {
        var first = await RegisterAsync("audit-login");
        var second = await RegisterAsync("audit-sso");
        using var browser = new TestBrowser();
        await SamlLoginWalk.RunAsync(browser, await first.RedirectUrlAsync(fixture.SsoUrl, first.NewRequest(fixture.SsoUrl)));
        await SamlLoginWalk.RunAsync(browser, await second.RedirectUrlAsync(fixture.SsoUrl, second.NewRequest(fixture.SsoUrl)));

        var login = Assert.Single(await QueryAsync($"serviceProvider={Uri.EscapeDataString(first.EntityId)}&category=Login"));
        var sso = Assert.Single(await QueryAsync($"serviceProvider={Uri.EscapeDataString(second.EntityId)}&category=SingleSignOn"));

        Assert.Equal("saml.assertion", login["action"]!.GetValue<string>());
        Assert.Equal("Success", login["outcome"]!.GetValue<string>());
        var identityId = login["identityId"]!.GetValue<Guid>();
        Assert.Equal(identityId, sso["identityId"]!.GetValue<Guid>());
        var byIdentity = await QueryAsync($"identityId={identityId}");
        Assert.Contains(byIdentity, r => r["id"]!.GetValue<Guid>() == login["id"]!.GetValue<Guid>());
        Assert.Contains(byIdentity, r => r["id"]!.GetValue<Guid>() == sso["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Audit_RefusedRequest_RecordedUnderTheReferenceThePersonSees()
    {
        var unknown = AdminFixture.NewServiceProvider("audit-unknown");
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(await unknown.RedirectUrlAsync(fixture.SsoUrl, unknown.NewRequest(fixture.SsoUrl)));
        var reference = System.Text.RegularExpressions.Regex.Match(page.Html, @"reference <span class=""code"">([^<]+)</span>").Groups[1].Value;

        var refusal = Assert.Single(await QueryAsync("correlationId=" + Uri.EscapeDataString(System.Net.WebUtility.HtmlDecode(reference))));
        Assert.Equal("Refusal", refusal["category"]!.GetValue<string>());
        Assert.Equal("saml.502.IssuerUnknown", refusal["code"]!.GetValue<string>());
        Assert.Equal(unknown.EntityId, refusal["serviceProvider"]!.GetValue<string>());
    }

    [Fact]
    public async Task Audit_AdministrativeChanges_RecordedWithActorAndOutcome()
    {
        var sp = await RegisterAsync("audit-admin");
        await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, "disable"));
        await fixture.Admin.RegisterAsync(SpMetadata.WithoutSigningKey(sp.Metadata()));

        var records = await QueryAsync($"serviceProvider={Uri.EscapeDataString(sp.EntityId)}&category=Administration");

        Assert.Collection(
            records,
            r => Assert.Equal(("sp.register", "Success"), (r["action"]!.GetValue<string>(), r["outcome"]!.GetValue<string>())),
            r => Assert.Equal(("sp.disable", "Success"), (r["action"]!.GetValue<string>(), r["outcome"]!.GetValue<string>())),
            r => Assert.Equal(("sp.register", "Refused"), (r["action"]!.GetValue<string>(), r["outcome"]!.GetValue<string>())));
        Assert.All(records, r => Assert.Equal("admin-api", r["actor"]!.GetValue<string>()));
        Assert.Equal("saml.701.MetadataCertificateMissing", records[2]["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Audit_FolderRegistrationAtStartUp_Recorded()
    {
        var records = await QueryAsync($"serviceProvider={Uri.EscapeDataString(fixture.FileSp.EntityId)}&category=Administration", TimeSpan.FromHours(1));

        var registered = Assert.Single(records);
        Assert.Equal("system:metadata-directory", registered["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Audit_UnauthorisedAdminCall_RecordedAsRefusal()
    {
        using var anonymous = new AdminClient(fixture.BaseUrl, "wrong-key-wrong-key-wrong-key-wrong-key");
        await anonymous.GetAsync("/api/admin/service-providers?audit-probe=" + Guid.NewGuid().ToString("N"));

        var refusals = await QueryAsync("category=Refusal");

        Assert.Contains(refusals, r => r["action"]!.GetValue<string>() == "admin.authenticate" && r["code"]!.GetValue<string>() == "admin.unauthorized");
        Assert.DoesNotContain(refusals, r => r.ToJsonString().Contains("wrong-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_Paging_PagesFollowEachOtherWithoutOverlap()
    {
        var sp = await RegisterAsync("audit-paging");
        for (var i = 0; i < 4; i++)
        {
            await fixture.Admin.PostAsync(AdminClient.SpPath(sp.EntityId, i % 2 == 0 ? "disable" : "enable"));
        }

        await fixture.FlushAuditAsync();
        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var reply = await fixture.Admin.GetAsync(AuditPath($"serviceProvider={Uri.EscapeDataString(sp.EntityId)}" + (cursor is null ? string.Empty : "&cursor=" + cursor), limit: 2));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var records = reply.Json["records"]!.AsArray();
            Assert.InRange(records.Count, 1, 2);
            seen.AddRange(records.Select(r => r!["id"]!.GetValue<Guid>()));
            cursor = reply.Json["next"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("from=yesterday")]
    [InlineData("limit=0")]
    [InlineData("identityId=alice")]
    [InlineData("cursor=12.34")]
    [InlineData("category=Everything")]
    public async Task Audit_BadQuery_RefusedWithCode(string query)
    {
        var reply = await fixture.Admin.GetAsync("/api/admin/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("admin.audit.query-invalid", reply.ProblemCode);
    }

    [Fact]
    public async Task Audit_LoginRecords_CarryNoPersonalData()
    {
        // alice: Alice Andersen, CPR 1203859901, born 1985-03-12, released in full to a CPR-entitled SP.
        var sp = await RegisterAsync("audit-privacy");
        await fixture.Admin.PutJsonAsync(AdminClient.SpPath(sp.EntityId, "policy"), new
        {
            allowedAttributes = new[] { "https://data.gov.dk/model/core/eid/cprNumber", "https://data.gov.dk/model/core/eid/fullName" },
            cprEntitled = true,
            minimumLoa = "Substantial",
        });
        using var browser = new TestBrowser();
        await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, sp.NewRequest(fixture.SsoUrl)), "alice");

        var records = await QueryAsync($"serviceProvider={Uri.EscapeDataString(sp.EntityId)}");
        var text = string.Join("\n", records.Select(r => r.ToJsonString()));

        Assert.Contains(records, r => r["action"]!.GetValue<string>() == "saml.assertion");
        foreach (var personal in new[] { "1203859901", "120385-9901", "Alice", "Andersen", "1985-03-12" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<TestServiceProvider> RegisterAsync(string label)
    {
        var sp = AdminFixture.NewServiceProvider(label);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.RegisterAsync(sp.Metadata())).Status);
        return sp;
    }

    private static string AuditPath(string query, TimeSpan? lookBack = null, int limit = 1000)
    {
        var now = DateTimeOffset.UtcNow;
        var from = (now - (lookBack ?? TimeSpan.FromMinutes(10))).UtcDateTime.ToString("O");
        var to = now.AddMinutes(1).UtcDateTime.ToString("O");
        return $"/api/admin/audit?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&limit={limit}&{query}";
    }

    private async Task<List<JsonNode>> QueryAsync(string query, TimeSpan? lookBack = null)
    {
        await fixture.FlushAuditAsync();
        var reply = await fixture.Admin.GetAsync(AuditPath(query, lookBack));
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
        return [.. reply.Json["records"]!.AsArray().Select(r => r!)];
    }
}
