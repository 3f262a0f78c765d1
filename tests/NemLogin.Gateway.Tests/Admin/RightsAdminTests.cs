using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Rights;
using Xunit;
using static NemLogin.Gateway.Tests.Admin.OrganisationApi;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>
/// Privileges catalogues (<c>…/service-providers/{entityId}/privileges</c>, <c>…/oidc-clients/{id}/privileges</c>) and rights
/// (<c>PUT</c>/<c>DELETE …/employees/{id}/rights</c>): scoping, refusals with their codes, the login query after each change.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class RightsAdminTests(AdminFixture fixture)
{
    private const string Read = "urn:dk:test:privilege:read";
    private const string Unit = "1012345678";
    private const string Se = "12345678";

    private string Sp => fixture.FileSp.EntityId;

    private IGrainFactory Grains => fixture.Broker.Services.GetRequiredService<IGrainFactory>();

    private static object Catalogue(params string[] uris) =>
        new { privileges = uris.Select(u => new { uri = u, name = "Læse", constraints = new[] { new { name = "level", value = "1" } } }) };

    private async Task<(string Cvr, string Id)> EmployeeWithCatalogueAsync()
    {
        var put = await fixture.Admin.ChangeAsync(HttpMethod.Put, AdminClient.SpPath(Sp, "privileges"), Catalogue(Read), NewKey());
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var cvr = await CreateAsync(fixture.Admin, units: [Unit], seNumbers: [Se]);
        return (cvr, await AddEmployeeAsync(fixture.Admin, cvr));
    }

    private object Right(string cvrOrScope, string privilege = Read) =>
        new { serviceProvider = Sp, privilege, scope = cvrOrScope.StartsWith("urn:", StringComparison.Ordinal) ? cvrOrScope : RightScope.CvrPrefix + cvrOrScope };

    [Fact]
    public async Task Catalogue_Put_ReadBack()
    {
        await fixture.Admin.ChangeAsync(HttpMethod.Put, AdminClient.SpPath(Sp, "privileges"), Catalogue(Read, "urn:dk:test:privilege:write"), NewKey());

        var read = await fixture.Admin.GetAsync(AdminClient.SpPath(Sp, "privileges"));

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(2, read.Json["privileges"]!.AsArray().Count);
        Assert.Equal("level", read.Json["privileges"]![0]!["constraints"]![0]!["name"]!.GetValue<string>());
    }

    // Rule: a catalogue is refused as a whole (nothing stored) when a privilege is malformed.
    [Theory]
    [InlineData("not a uri")]
    [InlineData("relative")]
    public async Task Catalogue_BadPrivilege_RefusedNothingStored(string uri)
    {
        var before = (await fixture.Admin.GetAsync(AdminClient.SpPath(Sp, "privileges"))).Json["version"]!.GetValue<int>();

        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Put, AdminClient.SpPath(Sp, "privileges"), Catalogue(uri), NewKey());
        var missing = await fixture.Admin.ChangeAsync(HttpMethod.Put, AdminClient.SpPath(Sp, "privileges"), new { }, NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("privileges.catalogue-invalid", refused.ProblemCode);
        Assert.Equal("privileges.catalogue-invalid", missing.ProblemCode);
        Assert.Equal(before, (await fixture.Admin.GetAsync(AdminClient.SpPath(Sp, "privileges"))).Json["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Catalogue_UnregisteredSystem_NotFound()
    {
        var sp = await fixture.Admin.ChangeAsync(HttpMethod.Put, AdminClient.SpPath("https://nobody.example.dk/saml", "privileges"), Catalogue(Read), NewKey());
        var client = await fixture.Admin.ChangeAsync(HttpMethod.Put, "/api/admin/oidc-clients/no-such-client/privileges", Catalogue(Read), NewKey());

        Assert.Equal("admin.sp-unknown", sp.ProblemCode);
        Assert.Equal("admin.oidc-client-unknown", client.ProblemCode);
    }

    [Fact]
    public async Task Right_GrantedThenRevoked_LoginQueryFollows()
    {
        var (cvr, id) = await EmployeeWithCatalogueAsync();
        var employee = Grains.GetGrain<IBusinessIdentityGrain>(Guid.Parse(id));

        var granted = await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "rights"), Right(RightScope.ProductionUnitPrefix + Unit), NewKey());
        var afterGrant = await employee.GetRightsAsync(ItSystem.Saml(Sp));
        var read = await fixture.Admin.GetAsync(EmployeePath(cvr, id));
        var revoked = await fixture.Admin.ChangeAsync(HttpMethod.Delete, EmployeePath(cvr, id, "rights"), Right(RightScope.ProductionUnitPrefix + Unit), NewKey());
        var afterRevoke = await employee.GetRightsAsync(ItSystem.Saml(Sp));

        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal(Read, Assert.Single(afterGrant!.Privileges).Privilege);
        Assert.Equal(RightScope.ProductionUnitPrefix + Unit, read.Json["rights"]![0]!["scope"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        Assert.Empty(afterRevoke!.Privileges);
    }

    // Rule: bad or unowned scopes, undefined privileges and inactive identities are refused with their codes; nothing is held.
    [Theory]
    [InlineData("scope-malformed", HttpStatusCode.BadRequest, "rights.scope-invalid")]
    [InlineData("scope-foreign-cvr", HttpStatusCode.UnprocessableEntity, "organisation.scope-not-owned")]
    [InlineData("scope-foreign-unit", HttpStatusCode.UnprocessableEntity, "organisation.scope-not-owned")]
    [InlineData("privilege-unknown", HttpStatusCode.UnprocessableEntity, "rights.privilege-unknown")]
    [InlineData("no-system", HttpStatusCode.BadRequest, "admin.request-invalid")]
    [InlineData("two-systems", HttpStatusCode.BadRequest, "admin.request-invalid")]
    [InlineData("suspended", HttpStatusCode.UnprocessableEntity, "employee.not-active")]
    [InlineData("no-key", HttpStatusCode.BadRequest, "request.id-missing")]
    public async Task Right_BadGrant_RefusedNothingHeld(string defect, HttpStatusCode status, string code)
    {
        var (cvr, id) = await EmployeeWithCatalogueAsync();
        if (defect == "suspended")
        {
            await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "status"), new { status = "Suspended" }, NewKey());
        }

        var body = defect switch
        {
            "scope-malformed" => Right(RightScope.ProductionUnitPrefix + "123"),
            "scope-foreign-cvr" => Right(NewCvr()),
            "scope-foreign-unit" => Right(RightScope.ProductionUnitPrefix + "1099999999"),
            "privilege-unknown" => Right(cvr, "urn:dk:test:privilege:admin"),
            "no-system" => new { privilege = Read, scope = RightScope.CvrPrefix + cvr },
            "two-systems" => new { serviceProvider = Sp, oidcClient = "demo-rp", privilege = Read, scope = RightScope.CvrPrefix + cvr },
            _ => Right(cvr),
        };

        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "rights"), body, defect == "no-key" ? null : NewKey());

        Assert.Equal(status, refused.Status);
        Assert.Equal(code, refused.ProblemCode);
        Assert.Empty((await fixture.Admin.GetAsync(EmployeePath(cvr, id))).Json["rights"]!.AsArray());
    }

    [Fact]
    public async Task Right_RevokeNotHeld_NotFound()
    {
        var (cvr, id) = await EmployeeWithCatalogueAsync();

        var refused = await fixture.Admin.ChangeAsync(HttpMethod.Delete, EmployeePath(cvr, id, "rights"), Right(cvr), NewKey());

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal("rights.unknown", refused.ProblemCode);
    }

    // Rule: a revoked identity gives no rights at login.
    [Fact]
    public async Task Right_IdentityRevoked_NoRightsInTheQuery()
    {
        var (cvr, id) = await EmployeeWithCatalogueAsync();
        await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "rights"), Right(cvr), NewKey());

        await fixture.Admin.ChangeAsync(HttpMethod.Delete, EmployeePath(cvr, id), null, NewKey());
        var rights = await Grains.GetGrain<IBusinessIdentityGrain>(Guid.Parse(id)).GetRightsAsync(ItSystem.Saml(Sp));

        Assert.False(rights!.Usable);
        Assert.Empty(rights.Privileges);
    }

    [Fact]
    public async Task Right_Granted_AuditedWithIdentityAndSystem()
    {
        var (cvr, id) = await EmployeeWithCatalogueAsync();

        await fixture.Admin.ChangeAsync(HttpMethod.Put, EmployeePath(cvr, id, "rights"), Right(cvr), NewKey());
        await fixture.FlushAuditAsync();
        var audit = await fixture.Admin.GetAsync("/api/admin/audit?identityId=" + id);

        var grant = Assert.Single(audit.Json["records"]!.AsArray(), r => r!["action"]!.GetValue<string>() == "rights.grant");
        Assert.Equal(Sp, grant!["serviceProvider"]!.GetValue<string>());
        Assert.Contains("privilege " + Read, grant["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
