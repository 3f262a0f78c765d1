using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Demo.DemoMandate;
using NemLogin.Demo.DemoOrganisation;
using NemLogin.Demo.DemoSp;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Upstream;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>
/// <c>/api/admin/mandates</c>: a citizen mandate granted, listed by party, read and revoked; bad input refused with its
/// code and nothing stored; the key required; the demo's mandate (alice for bent at the demo SP) present.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class MandateAdminTests(AdminFixture fixture)
{
    private const string Route = "/api/admin/mandates";

    private IGrainFactory Grains => fixture.Broker.Services.GetRequiredService<IGrainFactory>();

    private string DemoSp => fixture.Broker.Services.GetRequiredService<DemoServiceProvider>().EntityId;

    // A person who has logged in: an identity with a fresh CPR number, found through the CPR index.
    private Task<(Guid Id, string Cpr)> PersonAsync(int age) => Support.TestPeople.CreateAsync(Grains, age);

    private async Task<AdminClient.Reply> GrantAsync(object body)
    {
        await fixture.Broker.Services.GetRequiredService<DemoOrganisationSeeder>().Seeded;
        return await fixture.Admin.ChangeAsync(HttpMethod.Post, Route, body, null);
    }

    // Rule: a grant answers 201 with its id and location; it is listed by grantor and by grantee, read back, and revoked by DELETE.
    [Fact]
    public async Task Mandate_CreatedListedReadRevoked()
    {
        var (grantor, grantorCpr) = await PersonAsync(40);
        var (grantee, granteeCpr) = await PersonAsync(30);

        var created = await GrantAsync(new
        {
            grantor = new { cpr = grantorCpr },
            grantee = new { cpr = granteeCpr },
            serviceProviders = new[] { DemoSp },
            privileges = new[] { DemoOrganisation.CaseWorkerPrivilege },
            validTo = DateTimeOffset.UtcNow.AddDays(30),
        });
        var id = created.Json["id"]!.GetValue<string>();
        var byGrantor = await fixture.Admin.GetAsync($"{Route}?grantor=cpr:{grantorCpr}");
        var byGrantee = await fixture.Admin.GetAsync($"{Route}?grantee=cpr:{granteeCpr}");
        var read = await fixture.Admin.GetAsync($"{Route}/{id}");
        var fitting = await Grains.GetGrain<IMandateIndexGrain>(grantee.ToString("D")).FindForAsync(ItSystem.Saml(DemoSp));
        var revoked = await fixture.Admin.DeleteAsync($"{Route}/{id}");
        var afterRevoke = await fixture.Admin.GetAsync($"{Route}/{id}");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal($"{Route}/{id}", created.Location?.OriginalString);
        Assert.Equal(id, Assert.Single(byGrantor.Json["mandates"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(id, Assert.Single(byGrantee.Json["mandates"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal("Citizen", read.Json["kind"]!.GetValue<string>());
        Assert.Equal("Active", read.Json["status"]!.GetValue<string>());
        Assert.Equal(grantor.ToString("D"), read.Json["grantor"]!["identityId"]!.GetValue<string>());
        Assert.DoesNotContain(grantorCpr, read.Body, StringComparison.Ordinal);
        Assert.Equal(DemoSp, read.Json["systems"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(RightScope.CprPrefix + grantorCpr, Assert.Single(Assert.Single(fitting).Privileges).Scope.Urn);
        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        Assert.Equal("Revoked", afterRevoke.Json["status"]!.GetValue<string>());
        Assert.Empty(await Grains.GetGrain<IMandateIndexGrain>(grantee.ToString("D")).FindForAsync(ItSystem.Saml(DemoSp)));
        Assert.Empty((await fixture.Admin.GetAsync($"{Route}?grantee=cpr:{granteeCpr}")).Json["mandates"]!.AsArray());
    }

    // Rule: each bad input is refused with its stable code, and nothing is stored for either party.
    [Theory]
    [InlineData("person-unknown", HttpStatusCode.UnprocessableEntity, "mandate.person-unknown")]
    [InlineData("under-15", HttpStatusCode.UnprocessableEntity, "mandate.grantor-under-age")]
    [InlineData("valid-to-past", HttpStatusCode.BadRequest, "mandate.validity-invalid")]
    [InlineData("sp-unknown", HttpStatusCode.UnprocessableEntity, "mandate.it-system-unknown")]
    [InlineData("privilege-unknown", HttpStatusCode.UnprocessableEntity, "mandate.privilege-unknown")]
    [InlineData("no-sp", HttpStatusCode.BadRequest, "mandate.systems-invalid")]
    [InlineData("person-to-organisation", HttpStatusCode.BadRequest, "mandate.party-invalid")]
    [InlineData("cvr-malformed", HttpStatusCode.BadRequest, "mandate.party-invalid")]
    [InlineData("cpr-malformed", HttpStatusCode.BadRequest, "admin.request-invalid")]
    [InlineData("party-both", HttpStatusCode.BadRequest, "admin.request-invalid")]
    public async Task Mandate_BadInput_RefusedNothingStored(string defect, HttpStatusCode status, string code)
    {
        var (grantor, grantorCpr) = await PersonAsync(defect == "under-15" ? 14 : 40);
        var (grantee, granteeCpr) = await PersonAsync(30);
        object Party(string cpr) => new { cpr };
        var body = new Dictionary<string, object?>
        {
            ["grantor"] = defect switch
            {
                "cpr-malformed" => Party("12345-6789"),
                "party-both" => new { cpr = grantorCpr, cvr = DemoOrganisation.Cvr },
                _ => Party(grantorCpr),
            },
            ["grantee"] = defect switch
            {
                "person-unknown" => Party("0101009999"),
                "person-to-organisation" => new { cvr = DemoOrganisation.Cvr },
                "cvr-malformed" => new { cvr = "12345678" },
                _ => Party(granteeCpr),
            },
            ["serviceProviders"] = defect switch
            {
                "sp-unknown" => new[] { "https://unknown.example.dk/saml" },
                "no-sp" => Array.Empty<string>(),
                _ => new[] { DemoSp },
            },
            ["privileges"] = defect == "privilege-unknown" ? new[] { "urn:dk:test:privilege:none" } : null,
            ["validTo"] = defect == "valid-to-past" ? DateTimeOffset.UtcNow.AddMinutes(-1) : null,
        };

        var refused = await GrantAsync(body);

        Assert.Equal(status, refused.Status);
        Assert.Equal(code, refused.ProblemCode);
        Assert.Empty(await Grains.GetGrain<IMandateGrantorGrain>(grantor.ToString("D")).ListAsync());
        Assert.Empty(await Grains.GetGrain<IMandateIndexGrain>(grantee.ToString("D")).ListAsync());
    }

    // Rule: the mandate routes need the admin key like every admin route.
    [Fact]
    public async Task Mandates_NoKey_Unauthorized()
    {
        using var anonymous = new AdminClient(fixture.BaseUrl, apiKey: null);

        var list = await anonymous.GetAsync($"{Route}?grantor=cvr:{DemoOrganisation.Cvr}");
        var create = await anonymous.ChangeAsync(HttpMethod.Post, Route, new { }, null);
        var delete = await anonymous.DeleteAsync($"{Route}/{Guid.NewGuid()}");
        var approve = await anonymous.PostAsync($"{Route}/{Guid.NewGuid()}/approve");
        var decline = await anonymous.PostAsync($"{Route}/{Guid.NewGuid()}/decline");

        Assert.All([list, create, delete, approve, decline], reply => Assert.Equal(HttpStatusCode.Unauthorized, reply.Status));
    }

    // Rule: a request (status requested) carries nothing at login until approved; approving it twice is a conflict.
    [Fact]
    public async Task Mandate_RequestedThenApproved_ActiveOnlyAfterApproval()
    {
        var (_, grantorCpr) = await PersonAsync(40);
        var (grantee, granteeCpr) = await PersonAsync(30);
        var index = Grains.GetGrain<IMandateIndexGrain>(grantee.ToString("D"));

        var requested = await GrantAsync(new { grantor = new { cpr = grantorCpr }, grantee = new { cpr = granteeCpr }, serviceProviders = new[] { DemoSp }, status = "requested" });
        var id = requested.Json["id"]!.GetValue<string>();
        var beforeApproval = await index.FindForAsync(ItSystem.Saml(DemoSp));
        var approved = await fixture.Admin.PostAsync($"{Route}/{id}/approve");
        var again = await fixture.Admin.PostAsync($"{Route}/{id}/approve");

        Assert.Equal(HttpStatusCode.Created, requested.Status);
        Assert.Equal("Requested", requested.Json["status"]!.GetValue<string>());
        Assert.Empty(beforeApproval);
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Equal("Active", approved.Json["status"]!.GetValue<string>());
        Assert.Single(await index.FindForAsync(ItSystem.Saml(DemoSp)));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("mandate.not-requested", again.ProblemCode);
    }

    // Rule: a declined request is revoked for good; an active mandate is not declined (it is revoked with DELETE).
    [Fact]
    public async Task Mandate_RequestDeclined_RevokedAndActiveOneNotDeclined()
    {
        var (_, grantorCpr) = await PersonAsync(40);
        var (_, granteeCpr) = await PersonAsync(30);
        var requested = await GrantAsync(new { grantor = new { cpr = grantorCpr }, grantee = new { cpr = granteeCpr }, serviceProviders = new[] { DemoSp }, status = "requested" });
        var active = await GrantAsync(new { grantor = new { cpr = grantorCpr }, grantee = new { cpr = granteeCpr }, serviceProviders = new[] { DemoSp } });

        var declined = await fixture.Admin.PostAsync($"{Route}/{requested.Json["id"]!.GetValue<string>()}/decline");
        var notDeclined = await fixture.Admin.PostAsync($"{Route}/{active.Json["id"]!.GetValue<string>()}/decline");
        var unknown = await fixture.Admin.PostAsync($"{Route}/{Guid.NewGuid()}/approve");
        var badStatus = await GrantAsync(new { grantor = new { cpr = grantorCpr }, grantee = new { cpr = granteeCpr }, serviceProviders = new[] { DemoSp }, status = "approved" });

        Assert.Equal("Revoked", declined.Json["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, notDeclined.Status);
        Assert.Equal("mandate.not-requested", notDeclined.ProblemCode);
        Assert.Equal("Active", (await fixture.Admin.GetAsync($"{Route}/{active.Json["id"]!.GetValue<string>()}")).Json["status"]!.GetValue<string>());
        Assert.Equal("mandate.unknown", unknown.ProblemCode);
        Assert.Equal("admin.request-invalid", badStatus.ProblemCode);
    }

    // Rule: an unknown id answers 404 mandate.unknown, for reading and for revoking.
    [Fact]
    public async Task Mandate_UnknownId_NotFound()
    {
        var read = await fixture.Admin.GetAsync($"{Route}/{Guid.NewGuid()}");
        var delete = await fixture.Admin.DeleteAsync($"{Route}/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal("mandate.unknown", read.ProblemCode);
        Assert.Equal("mandate.unknown", delete.ProblemCode);
    }

    // Rule (README, demo users): alice has given bent a citizen mandate for all of the demo SP, which his login finds.
    [Fact]
    public async Task Demo_AliceGaveBent_MandateForTheDemoSp()
    {
        await fixture.Broker.Services.GetRequiredService<DemoMandateSeeder>().Seeded;
        var mitId = fixture.Broker.Services.GetServices<IUpstreamIdentityProvider>().First(u => u.Name == "mitid");
        var bent = await Grains.GetGrain<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(mitId.AuthorityId, TestUsers.Bent.MitIdUuid.ToString())).ResolveIdentityAsync();

        var listed = await fixture.Admin.GetAsync($"{Route}?grantor=cpr:{TestUsers.Alice.CprNumber}&grantee=cpr:{TestUsers.Bent.CprNumber}");
        var fitting = Assert.Single(await Grains.GetGrain<IMandateIndexGrain>(bent.ToString("D")).FindForAsync(ItSystem.Saml(DemoSp)));

        var mandate = Assert.Single(listed.Json["mandates"]!.AsArray())!;
        Assert.Equal("Active", mandate["status"]!.GetValue<string>());
        Assert.Equal(DemoSp, mandate["systems"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Alice Andersen", fitting.GrantorName);
        Assert.Equal(TestUsers.Alice.CprNumber, fitting.GrantorCpr);
        Assert.Equal(DemoOrganisation.CaseWorkerPrivilege, Assert.Single(fitting.Privileges).Privilege);
    }
}
