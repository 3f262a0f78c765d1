using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using Xunit;
using static NemLogin.Gateway.Tests.Admin.OrganisationApi;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>
/// <c>…/organisations/{cvr}/employees</c>: business identities created, listed, read, suspended, revoked and bound to a
/// person by CPR number or identity id; refusals with their codes and nothing stored.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class EmployeeAdminTests(AdminFixture fixture)
{
    private IGrainFactory Grains => fixture.Broker.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Employee_Created_ListedAndReadBack()
    {
        var cvr = await CreateAsync(fixture.Admin, units: ["1012345678"]);

        var created = await fixture.Admin.ChangeAsync(HttpMethod.Post, Path(cvr, "employees"), new { loa = "High", productionUnit = "1012345678" }, NewKey());
        var id = created.Json["id"]!.GetValue<string>();
        var list = await fixture.Admin.GetAsync(Path(cvr, "employees"));
        var read = await fixture.Admin.GetAsync(EmployeePath(cvr, id));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(EmployeePath(cvr, id), created.Location?.OriginalString);
        Assert.Equal(1, list.Json["total"]!.GetValue<int>());
        Assert.Equal(id, list.Json["employees"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Active", read.Json["status"]!.GetValue<string>());
        Assert.Equal("High", read.Json["loa"]!.GetValue<string>());
        Assert.Equal("1012345678", read.Json["productionUnit"]!.GetValue<string>());
    }

    // Rule: a repeated creation (same key, same body) creates no second identity and answers the first.
    [Fact]
    public async Task Employee_SameKeyTwice_OneIdentity()
    {
        var cvr = await CreateAsync(fixture.Admin);
        var key = NewKey();

        var first = await fixture.Admin.ChangeAsync(HttpMethod.Post, Path(cvr, "employees"), new { loa = "Substantial" }, key);
        var again = await fixture.Admin.ChangeAsync(HttpMethod.Post, Path(cvr, "employees"), new { loa = "Substantial" }, key);
        var other = await fixture.Admin.ChangeAsync(HttpMethod.Post, Path(cvr, "employees"), new { loa = "High" }, key);

        Assert.Equal(first.Json.ToJsonString(), again.Json.ToJsonString());
        Assert.Equal("request.id-reused", other.ProblemCode);
        Assert.Equal(1, (await fixture.Admin.GetAsync(Path(cvr, "employees"))).Json["total"]!.GetValue<int>());
    }

    // Rule: bad input is refused with its code and no identity is created.
    [Theory]
    [InlineData("loa", HttpStatusCode.BadRequest, "employee.loa-invalid")]
    [InlineData("loa-none", HttpStatusCode.BadRequest, "employee.loa-invalid")]
    [InlineData("unit", HttpStatusCode.UnprocessableEntity, "organisation.scope-not-owned")]
    [InlineData("se", HttpStatusCode.UnprocessableEntity, "organisation.scope-not-owned")]
    [InlineData("cpr-unknown", HttpStatusCode.UnprocessableEntity, "employee.person-unknown")]
    [InlineData("cpr-malformed", HttpStatusCode.BadRequest, "admin.request-invalid")]
    [InlineData("identity-unknown", HttpStatusCode.UnprocessableEntity, "employee.person-unknown")]
    [InlineData("person-both", HttpStatusCode.BadRequest, "admin.request-invalid")]
    [InlineData("no-key", HttpStatusCode.BadRequest, "request.id-missing")]
    public async Task Employee_BadInput_RefusedNothingCreated(string defect, HttpStatusCode status, string code)
    {
        var cvr = await CreateAsync(fixture.Admin, units: ["1012345678"], seNumbers: ["12345678"]);
        object body = defect switch
        {
            "loa" => new { loa = "substantial" },
            "loa-none" => new { loa = "None" },
            "unit" => new { loa = "Low", productionUnit = "1099999999" },
            "se" => new { loa = "Low", seNumber = "87654321" },
            "cpr-unknown" => new { loa = "Low", person = new { cpr = "0101009999" } },
            "cpr-malformed" => new { loa = "Low", person = new { cpr = "010100-9999" } },
            "identity-unknown" => new { loa = "Low", person = new { identityId = Guid.NewGuid() } },
            "person-both" => new { loa = "Low", person = new { cpr = "0101009999", identityId = Guid.NewGuid() } },
            _ => new { loa = "Low" },
        };

        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Post, Path(cvr, "employees"), body, defect == "no-key" ? null : NewKey());

        Assert.Equal(status, refused.Status);
        Assert.Equal(code, refused.ProblemCode);
        Assert.Equal(0, (await fixture.Admin.GetAsync(Path(cvr, "employees"))).Json["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Employee_UnknownOrganisation_NotFound()
    {
        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Post, Path(NewCvr(), "employees"), new { loa = "Low" }, NewKey());

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal("organisation.unknown", refused.ProblemCode);
    }

    // Rule: a person is bound by CPR number through the index of people who logged in; the number is not kept or audited.
    [Fact]
    public async Task Employee_BoundByCpr_PersonIdOfTheLoggedInPersonAndIndexed()
    {
        var cvr = await CreateAsync(fixture.Admin);
        var person = Guid.NewGuid();
        var cpr = "0202" + Random.Shared.Next(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Grains.GetGrain<IIdentityGrain>(person).UpdateFromUpstreamAsync(new PersonAttributes("Test", "Person", new DateOnly(2000, 2, 2), cpr, null));

        var created = await fixture.Admin.ChangeAsync(HttpMethod.Post, Path(cvr, "employees"), new { loa = "Substantial", person = new { cpr } }, NewKey());
        await fixture.FlushAuditAsync();
        var audit = await fixture.Admin.GetAsync("/api/admin/audit?identityId=" + created.Json["id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(person.ToString(), created.Json["personId"]!.GetValue<string>());
        Assert.DoesNotContain(cpr, created.Body, StringComparison.Ordinal);
        Assert.Equal("employee.create", Assert.Single(audit.Json["records"]!.AsArray())!["action"]!.GetValue<string>());
        Assert.DoesNotContain(cpr, audit.Body, StringComparison.Ordinal);
        Assert.Single(await Grains.GetGrain<IBusinessIdentityIndexGrain>(person).ListAsync());
    }

    [Fact]
    public async Task Employee_BoundLaterByIdentityId_Indexed()
    {
        var cvr = await CreateAsync(fixture.Admin);
        var id = await AddEmployeeAsync(fixture.Admin, cvr);
        var person = Guid.NewGuid();
        await Grains.GetGrain<IIdentityGrain>(person).UpdateFromUpstreamAsync(new PersonAttributes("Test", "Person", new DateOnly(2000, 2, 2), null, null));

        var bound = await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "person"), new { identityId = person }, NewKey());
        var again = await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "person"), new { identityId = Guid.NewGuid() }, NewKey());

        Assert.Equal(HttpStatusCode.OK, bound.Status);
        Assert.Equal(2, bound.Json["version"]!.GetValue<int>());
        Assert.Equal("employee.person-unknown", again.ProblemCode);
        Assert.Equal(id, Assert.Single(await Grains.GetGrain<IBusinessIdentityIndexGrain>(person).ListAsync()).Id.ToString());
    }

    [Fact]
    public async Task Employee_SuspendedReactivatedRevoked_StatusFollows()
    {
        var cvr = await CreateAsync(fixture.Admin);
        var id = await AddEmployeeAsync(fixture.Admin, cvr);

        var suspended = await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "status"), new { status = "Suspended" }, NewKey());
        var active = await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "status"), new { status = "Active" }, NewKey());
        var revoked = await fixture.Admin.ChangeAsync(HttpMethod.Delete, EmployeePath(cvr, id), null, NewKey());
        var afterRevoke = await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "status"), new { status = "Active" }, NewKey());

        Assert.Equal(HttpStatusCode.OK, suspended.Status);
        Assert.Equal(HttpStatusCode.OK, active.Status);
        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        Assert.Equal(HttpStatusCode.Conflict, afterRevoke.Status);
        Assert.Equal("employee.revoked", afterRevoke.ProblemCode);
        Assert.Equal("Revoked", (await fixture.Admin.GetAsync(EmployeePath(cvr, id))).Json["status"]!.GetValue<string>());
    }

    // Rule: revoking has its own verb; the status route never revokes.
    [Theory]
    [InlineData("Revoked")]
    [InlineData("2")]
    [InlineData("suspended")]
    public async Task Employee_StatusOtherThanActiveOrSuspended_Refused(string status)
    {
        var cvr = await CreateAsync(fixture.Admin);
        var id = await AddEmployeeAsync(fixture.Admin, cvr);

        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "status"), new { status }, NewKey());

        Assert.Equal("employee.status-invalid", refused.ProblemCode);
        Assert.Equal("Active", (await fixture.Admin.GetAsync(EmployeePath(cvr, id))).Json["status"]!.GetValue<string>());
    }

    // Rule: an identity is reached only under its own organisation.
    [Fact]
    public async Task Employee_UnderAnotherOrganisation_NotFoundAndUnchanged()
    {
        var cvr = await CreateAsync(fixture.Admin);
        var other = await CreateAsync(fixture.Admin);
        var id = await AddEmployeeAsync(fixture.Admin, cvr);

        var read = await fixture.Admin.GetAsync(EmployeePath(other, id));
        var revoke = await fixture.Admin.ChangeAsync(HttpMethod.Delete, EmployeePath(other, id), null, NewKey());
        var malformed = await fixture.Admin.GetAsync(EmployeePath(cvr, "not-a-uuid"));

        Assert.Equal("employee.unknown", read.ProblemCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.Status);
        Assert.Equal("employee.unknown", malformed.ProblemCode);
        Assert.Equal("Active", (await fixture.Admin.GetAsync(EmployeePath(cvr, id))).Json["status"]!.GetValue<string>());
    }
}
