using System.Net;
using System.Net.Http.Json;
using System.Text;
using Xunit;
using static NemLogin.Gateway.Tests.Admin.OrganisationApi;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary><c>/api/admin/organisations/{cvr}</c>: create, read, refusals with their codes (nothing stored), idempotency, audit.</summary>
[Collection(AdminCollection.Name)]
public sealed class OrganisationAdminTests(AdminFixture fixture)
{
    [Fact]
    public async Task Organisation_Put_CreatedThenReadBack()
    {
        var cvr = NewCvr();

        var created = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(units: ["1012345678"], seNumbers: ["12345678"]), NewKey());
        var read = await fixture.Admin.GetAsync(Path(cvr));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(Path(cvr), created.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("Testfirma ApS", read.Json["name"]!.GetValue<string>());
        Assert.Equal("1012345678", read.Json["productionUnits"]![0]!.GetValue<string>());
        Assert.Equal("Active", read.Json["status"]!.GetValue<string>());
        Assert.Equal(1, read.Json["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Organisation_PutAgain_OkWithNextVersion()
    {
        var cvr = await CreateAsync(fixture.Admin);

        var updated = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(name: "Nyt Navn ApS", status: "Suspended"), NewKey());

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(2, updated.Json["version"]!.GetValue<int>());
        Assert.Equal("Suspended", updated.Json["status"]!.GetValue<string>());
    }

    // Rule: bad input is refused with its stable code, and nothing is stored.
    [Theory]
    [InlineData("name", HttpStatusCode.BadRequest, "organisation.name-invalid")]
    [InlineData("unit", HttpStatusCode.BadRequest, "organisation.production-unit-invalid")]
    [InlineData("se", HttpStatusCode.BadRequest, "organisation.se-number-invalid")]
    [InlineData("status", HttpStatusCode.BadRequest, "organisation.status-invalid")]
    [InlineData("status-number", HttpStatusCode.BadRequest, "organisation.status-invalid")]
    [InlineData("admin", HttpStatusCode.UnprocessableEntity, "organisation.administrator-invalid")]
    [InlineData("no-key", HttpStatusCode.BadRequest, "request.id-missing")]
    [InlineData("bad-key", HttpStatusCode.BadRequest, "request.id-invalid")]
    [InlineData("keys-differ", HttpStatusCode.BadRequest, "request.id-invalid")]
    public async Task Organisation_BadInput_RefusedWithCodeNothingStored(string defect, HttpStatusCode status, string code)
    {
        var cvr = NewCvr();
        object body = defect switch
        {
            "name" => Organisation(name: " "),
            "unit" => Organisation(units: ["12345"]),
            "se" => Organisation(seNumbers: ["1234567890"]),
            "status" => Organisation(status: "active"),
            "status-number" => Organisation(status: "1"),
            "admin" => new { name = "X ApS", administrators = new[] { Guid.NewGuid() } },
            "keys-differ" => new { name = "X ApS", requestId = "other-key" },
            _ => Organisation(),
        };
        var key = defect switch
        {
            "no-key" => null,
            "bad-key" => "has space",
            _ => NewKey(),
        };

        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), body, key);

        Assert.Equal(status, refused.Status);
        Assert.Equal(code, refused.ProblemCode);
        Assert.Equal("organisation.unknown", (await fixture.Admin.GetAsync(Path(cvr))).ProblemCode);
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("1234567")]
    [InlineData("abcdefgh")]
    public async Task Organisation_PathNotACvr_Refused(string cvr)
    {
        var put = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(), NewKey());
        var get = await fixture.Admin.GetAsync(Path(cvr));

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("organisation.cvr-invalid", put.ProblemCode);
        Assert.Equal("organisation.cvr-invalid", get.ProblemCode);
    }

    [Fact]
    public async Task Organisation_NotJson_RefusedNothingStored()
    {
        var cvr = NewCvr();

        var wrongType = await fixture.Admin.SendAsync(HttpMethod.Put, Path(cvr), new StringContent("name=X", Encoding.UTF8, "application/x-www-form-urlencoded"), [("Idempotency-Key", NewKey())]);
        var broken = await fixture.Admin.SendAsync(HttpMethod.Put, Path(cvr), new StringContent("{\"name\":", Encoding.UTF8, "application/json"), [("Idempotency-Key", NewKey())]);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.Status);
        Assert.Equal("admin.request-invalid", broken.ProblemCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetAsync(Path(cvr))).Status);
    }

    // Rule: the same request id with the same content answers the first result (even after later changes).
    [Fact]
    public async Task Organisation_SameKeySameBody_FirstAnswerAgain()
    {
        var cvr = NewCvr();
        var key = NewKey();
        var first = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(), key);
        await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(name: "Senere ApS"), NewKey());

        var repeat = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(), key);

        Assert.Equal(first.Json.ToJsonString(), repeat.Json.ToJsonString());
        Assert.Equal("Senere ApS", (await fixture.Admin.GetAsync(Path(cvr))).Json["name"]!.GetValue<string>());
    }

    // Rule: the same request id with other content is refused and changes nothing.
    [Fact]
    public async Task Organisation_SameKeyOtherBody_ConflictNothingChanged()
    {
        var cvr = NewCvr();
        var key = NewKey();
        await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(), key);

        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(name: "Andet ApS"), key);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("request.id-reused", refused.ProblemCode);
        Assert.Equal("Testfirma ApS", (await fixture.Admin.GetAsync(Path(cvr))).Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Organisation_RequestIdInBody_Accepted()
    {
        var cvr = NewCvr();

        var created = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), new { name = "Body Key ApS", requestId = NewKey() }, null);

        Assert.Equal(HttpStatusCode.Created, created.Status);
    }

    [Fact]
    public async Task Organisation_Closed_ConflictOnChange()
    {
        var cvr = NewCvr();
        await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(status: "Closed"), NewKey());

        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(), NewKey());

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("organisation.closed", refused.ProblemCode);
    }

    // Rule: every change is audited by ids: the CVR, never the organisation's name.
    [Fact]
    public async Task Organisation_Saved_AuditedByCvrWithoutName()
    {
        var cvr = NewCvr();
        await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(name: "Navnet Må Ikke Logges ApS"), NewKey());
        await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(units: ["1"]), NewKey());
        await fixture.FlushAuditAsync();

        var audit = await fixture.Admin.GetAsync("/api/admin/audit?category=Administration&limit=1000");

        var records = audit.Json["records"]!.AsArray().Where(r => r!["detail"]?.GetValue<string>()?.Contains("cvr " + cvr, StringComparison.Ordinal) == true).ToArray();
        Assert.Contains(records, r => r!["action"]!.GetValue<string>() == "organisation.save" && r["outcome"]!.GetValue<string>() == "Success");
        Assert.Contains(records, r => r!["code"]?.GetValue<string>() == "organisation.production-unit-invalid" && r["outcome"]!.GetValue<string>() == "Refused");
        Assert.DoesNotContain("Navnet", audit.Body, StringComparison.Ordinal);
    }

    // Rule: the new routes sit behind the admin key like every other.
    [Theory]
    [InlineData("PUT", "/api/admin/organisations/98765433")]
    [InlineData("GET", "/api/admin/organisations/98765433")]
    [InlineData("POST", "/api/admin/organisations/98765433/employees")]
    [InlineData("GET", "/api/admin/organisations/98765433/employees")]
    [InlineData("DELETE", "/api/admin/organisations/98765433/employees/be270000-0000-4000-8000-000000000002")]
    [InlineData("PUT", "/api/admin/organisations/98765433/employees/be270000-0000-4000-8000-000000000002/rights")]
    [InlineData("GET", "/api/admin/service-providers/https%3A%2F%2Fsp.example.dk/privileges")]
    [InlineData("PUT", "/api/admin/oidc-clients/demo-rp/privileges")]
    public async Task Routes_WithoutKey_Unauthorized(string method, string path)
    {
        using var anonymous = new AdminClient(fixture.BaseUrl, apiKey: null);

        var reply = await anonymous.SendAsync(new HttpMethod(method), path, JsonContent.Create(new { name = "X" }), [("Idempotency-Key", NewKey())]);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("admin.unauthorized", reply.ProblemCode);
    }
}
