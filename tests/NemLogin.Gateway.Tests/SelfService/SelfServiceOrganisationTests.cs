using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Demo.DemoOrganisation;
using NemLogin.Demo.DemoSp;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;
using Xunit;
using static NemLogin.Gateway.Tests.SelfService.SelfServicePeople;

namespace NemLogin.Gateway.Tests.SelfService;

/// <summary>
/// An organisation administrator's self-service page over HTTP: bent administers Demo Erhverv ApS (demo data). Employees
/// added by CPR number and name, suspended, reactivated, revoked; rights granted within the organisation's own scopes and
/// revoked; business mandates to an organisation and to a person, revoked; an IT-system provider's catalogues. Broken
/// access control (an organisation the person does not administer, another organisation's employee, another party's
/// mandate) refused with a page and nothing changed.
/// </summary>
[Collection(SelfServiceCollection.Name)]
public sealed class SelfServiceOrganisationTests(SelfServiceFixture fixture)
{
    private const string Cvr = DemoOrganisationData.Cvr;
    private static readonly string Page = SelfServiceBrowser.Root + "/organisationer/" + Cvr;

    private string DemoSp => fixture.Broker.Services.GetRequiredService<DemoServiceProvider>().EntityId;

    // Rule: an administrator of the organisation (a business identity among its administrators) sees it in the navigation
    // and on its page: the employees by name with their rights.
    [Fact]
    public async Task Bent_Administrator_SeesTheOrganisationsPage()
    {
        await fixture.Broker.Services.GetRequiredService<DemoOrganisationSeeder>().Seeded;
        using var bent = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "bent");

        var overview = await bent.GetAsync(SelfServiceBrowser.Root);
        var page = await bent.GetAsync(Page);

        Assert.Contains($"href=\"{Page}\"", overview.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<h1>{DemoOrganisationData.Name} (CVR {Cvr})</h1>", page.Html, StringComparison.Ordinal);
        var bentRow = EmployeeRow(page, (await DemoOrganisationData.BentAsync(fixture.Broker)).Id);
        Assert.Contains("Bent Bentsen", bentRow, StringComparison.Ordinal);
        Assert.Contains("Sagsbehandler", bentRow, StringComparison.Ordinal);
        Assert.DoesNotContain(Bent.CprNumber, page.Html, StringComparison.Ordinal);
    }

    // Broken access control: alice administers nothing; the page and every change under the CVR are refused and audited.
    [Fact]
    public async Task Alice_NotAnAdministrator_PageAndChangesRefused()
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var (personId, cpr, name) = await fixture.PersonAsync(35);
        var token = SelfServiceBrowser.Token(await alice.GetAsync(SelfServiceBrowser.Root));

        var page = await alice.GetAsync(Page);
        var add = await alice.Browser.PostFormAsync(fixture.BaseUrl + Page + "/medarbejdere",
            new Dictionary<string, string> { ["csrf"] = token, ["cpr"] = cpr, ["name"] = name, ["loa"] = "Substantial", ["requestId"] = "alice-1" });

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("self-service.not-administrator", page.ErrorCode);
        Assert.Equal("self-service.not-administrator", add.ErrorCode);
        Assert.Empty(await fixture.Grains.GetGrain<IBusinessIdentityIndexGrain>(personId).ListAsync());
        Assert.Contains(await fixture.AuditAsync("category=Refusal"), r => r["code"]?.GetValue<string>() == "self-service.not-administrator" && r["detail"]?.GetValue<string>() == "cvr " + Cvr);
    }

    // Rule: an employee's life in the pages: added by CPR number and name, given a right within a P unit the organisation
    // owns, the right removed, suspended, reactivated and revoked; each change audited with bent's business identity.
    [Fact]
    public async Task Bent_AddsEmployee_GrantsAndRemovesRight_SuspendsReactivatesRevokes()
    {
        using var bent = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "bent");
        var (personId, cpr, name) = await fixture.PersonAsync(36, "Erna", "Employee" + Random.Shared.Next(1000, 9999));

        var added = await SubmitAsync(bent, "add-employee", new() { ["cpr"] = cpr, ["name"] = name, ["loa"] = "Substantial" });
        var employeeId = Assert.Single(await fixture.Grains.GetGrain<IBusinessIdentityIndexGrain>(personId).ListAsync()).Id;
        var granted = await SubmitAsync(bent, "grant-right", new()
        {
            ["employee"] = employeeId.ToString(),
            ["privilege"] = DemoOrganisationData.CaseWorkerPrivilege + " " + ItSystem.Saml(DemoSp).Key,
            ["scope"] = RightScope.ProductionUnit(DemoOrganisationData.ProductionUnit).Urn,
        });
        var withRight = await Employee(employeeId);
        var removed = await PressAsync(bent, employeeId, "Fjern");
        var suspended = await PressAsync(bent, employeeId, "Suspendér");
        var afterSuspend = (await Employee(employeeId)).Status;
        await PressAsync(bent, employeeId, "Genaktivér");
        var afterReactivate = (await Employee(employeeId)).Status;
        await PressAsync(bent, employeeId, "Slet");

        Assert.Equal("?done=employee-added", added.Url.Query);
        Assert.Contains(name, EmployeeRow(added, employeeId), StringComparison.Ordinal);
        Assert.Equal("?done=right-granted", granted.Url.Query);
        Assert.Equal(RightScope.ProductionUnit(DemoOrganisationData.ProductionUnit), Assert.Single(withRight.Rights).Scope);
        Assert.Equal("?done=right-revoked", removed.Url.Query);
        Assert.Equal("?done=employee-status", suspended.Url.Query);
        Assert.Equal(BusinessIdentityStatus.Suspended, afterSuspend);
        Assert.Equal(BusinessIdentityStatus.Active, afterReactivate);
        Assert.Equal(BusinessIdentityStatus.Revoked, (await Employee(employeeId)).Status);
        Assert.Empty((await Employee(employeeId)).Rights);
        var administrator = (await DemoOrganisationData.BentAsync(fixture.Broker)).Id.ToString("D");
        var records = await fixture.AuditAsync($"identityId={employeeId}");
        Assert.Equal(["employee.create", "rights.grant", "rights.revoke", "employee.status", "employee.status", "employee.status"],
            records.Select(r => r["action"]!.GetValue<string>()));
        Assert.All(records, r => Assert.Equal(administrator, r["actor"]!.GetValue<string>()));
        Assert.DoesNotContain(cpr, string.Join("\n", records.Select(r => r.ToJsonString())), StringComparison.Ordinal);
    }

    // Validation and the organisation's own scopes: each refusal shown on the page with its code at its field, nothing stored.
    [Theory]
    [InlineData("person-unknown", "employee.person-unknown", "employee-cpr")]
    [InlineData("cpr-malformed", "self-service.field-invalid", "employee-cpr")]
    [InlineData("scope-not-owned", "organisation.scope-not-owned", "right-scope")]
    [InlineData("privilege-unknown", "rights.privilege-unknown", "right-privilege")]
    public async Task Forms_Invalid_ShownWithCodeAndNothingStored(string defect, string code, string field)
    {
        using var bent = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "bent");
        var bentEmployee = await DemoOrganisationData.BentAsync(fixture.Broker);

        var page = defect switch
        {
            "person-unknown" => await SubmitAsync(bent, "add-employee", new() { ["cpr"] = "0101001234", ["name"] = "No One", ["loa"] = "Substantial" }),
            "cpr-malformed" => await SubmitAsync(bent, "add-employee", new() { ["cpr"] = "12", ["name"] = "No One", ["loa"] = "Substantial" }),
            _ => await SubmitAsync(bent, "grant-right", new()
            {
                ["employee"] = bentEmployee.Id.ToString(),
                ["privilege"] = (defect == "privilege-unknown" ? "urn:example:not-listed" : DemoOrganisationData.CaseWorkerPrivilege) + " " + ItSystem.Saml(DemoSp).Key,
                ["scope"] = defect == "scope-not-owned" ? RightScope.ProductionUnit("9999999999").Urn : RightScope.Organisation(Cvr).Urn,
            }),
        };

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains($"data-error-code=\"{code}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{field}\">", page.Html, StringComparison.Ordinal);
        Assert.Equal(bentEmployee.Rights, (await Employee(bentEmployee.Id)).Rights);
    }

    // Broken access control: another organisation's employee (by id) and another party's mandate (alice's, by id) under
    // bent's organisation: refused, unchanged.
    [Fact]
    public async Task Bent_OtherOrganisationsEmployeeOrOthersMandate_RefusedAndUnchanged()
    {
        var otherCvr = await OtherOrganisationAsync();
        var (personId, _, _) = await fixture.PersonAsync(37);
        var stranger = await fixture.Grains.GetGrain<IOrganisationGrain>(otherCvr).AddEmployeeAsync("stranger-" + Guid.NewGuid().ToString("N"),
            new EmployeeDetails(personId, NemLogin.Grains.Assurance.LevelOfAssurance.Substantial, null, null));
        var aliceId = await IdentityAsync(fixture.Grains, Alice);
        var alicesMandate = (await GivenAsync(fixture.Grains, aliceId))[0];
        using var bent = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "bent");
        var token = SelfServiceBrowser.Token(await bent.GetAsync(Page));

        var suspend = await bent.Browser.PostFormAsync($"{fixture.BaseUrl}{Page}/medarbejdere/{stranger.Id}/status",
            new Dictionary<string, string> { ["csrf"] = token, ["status"] = "Suspended", ["requestId"] = "x-1" });
        var revoke = await bent.Browser.PostFormAsync($"{fixture.BaseUrl}{Page}/fuldmagter/{alicesMandate}/tilbagekald",
            new Dictionary<string, string> { ["csrf"] = token, ["requestId"] = "x-2" });

        Assert.Equal("employee.unknown", suspend.ErrorCode);
        Assert.Equal(BusinessIdentityStatus.Active, (await Employee(stranger.Id)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.Status);
        Assert.Equal("self-service.not-yours", revoke.ErrorCode);
        Assert.Equal(MandateStatus.Active, (await fixture.Grains.GetGrain<IMandateGrain>(alicesMandate).GetAsync())!.Status);
    }

    // Rule: business mandates from the organisation, to another organisation by CVR and to a person by CPR number and name;
    // each listed as given, held by the grantee (found at login), and revoked in the page.
    [Theory]
    [InlineData("organisation")]
    [InlineData("person")]
    public async Task Bent_GrantsAndRevokesBusinessMandate(string granteeKind)
    {
        var otherCvr = await OtherOrganisationAsync();
        var (personId, cpr, name) = await fixture.PersonAsync(38);
        using var bent = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "bent");
        var grantee = granteeKind == "person" ? MandateParty.Person(personId) : MandateParty.Organisation(otherCvr);
        var index = fixture.Grains.GetGrain<IMandateIndexGrain>(grantee.Id);
        var before = (await index.ListAsync()).Select(e => e.Id).ToHashSet();

        var granted = await SubmitAsync(bent, "business-mandate", new()
        {
            ["granteeKind"] = granteeKind,
            ["cvr"] = granteeKind == "person" ? string.Empty : otherCvr,
            ["cpr"] = granteeKind == "person" ? cpr : string.Empty,
            ["name"] = granteeKind == "person" ? name : string.Empty,
            ["system"] = ItSystem.Saml(fixture.SpA.EntityId).Key,
        });
        var mandateId = Assert.Single(await index.ListAsync(), e => !before.Contains(e.Id)).Id;
        var fitting = Assert.Single(await index.FindForAsync(ItSystem.Saml(fixture.SpA.EntityId)), m => m.MandateId == mandateId);
        var revoked = await bent.Browser.PostFormAsync($"{fixture.BaseUrl}{Page}/fuldmagter/{mandateId}/tilbagekald",
            new Dictionary<string, string> { ["csrf"] = SelfServiceBrowser.Token(granted), ["requestId"] = "bm-" + Guid.NewGuid().ToString("N") });

        Assert.Equal("?done=mandate-granted", granted.Url.Query);
        Assert.Contains(mandateId, SelfServiceBrowser.MandateIds(granted, "org-given"));
        Assert.Equal(MandateKind.Business, fitting.Kind);
        Assert.Equal(Cvr, fitting.GrantorCvr);
        Assert.Equal("?done=mandate-revoked", revoked.Url.Query);
        Assert.Equal(MandateStatus.Revoked, (await fixture.Grains.GetGrain<IMandateGrain>(mandateId).GetAsync())!.Status);
    }

    // Rule: an IT-system provider (the owner CVR support staff set on an SP's policy or an OIDC client) sees its systems'
    // privileges catalogues on its page; owners that are no CVR number are refused by the admin API.
    [Fact]
    public async Task Provider_OwnerCvrSetByAdminApi_CataloguesShownToItsAdministrators()
    {
        var policyPath = AdminClient.SpPath(DemoSp, "policy");
        var policy = (await fixture.Admin.GetAsync(policyPath)).Json.AsObject();
        policy["ownerCvr"] = "12345678";
        var badOwner = await fixture.Admin.PutJsonAsync(policyPath, policy);
        policy["ownerCvr"] = Cvr;
        var owned = await fixture.Admin.PutJsonAsync(policyPath, policy);
        var clientId = "provider-rp-" + Guid.NewGuid().ToString("N")[..8];
        var badClient = await fixture.Admin.SendAsync(HttpMethod.Post, "/api/admin/oidc-clients", Client(clientId, "1234"));
        var client = await fixture.Admin.SendAsync(HttpMethod.Post, "/api/admin/oidc-clients", Client(clientId, Cvr));
        using var bent = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "bent");

        var page = await bent.GetAsync(Page);

        Assert.Equal("admin.policy.owner-invalid", badOwner.ProblemCode);
        Assert.Equal(HttpStatusCode.OK, owned.Status);
        Assert.Equal(Cvr, (await fixture.Admin.GetAsync(policyPath)).Json["ownerCvr"]!.GetValue<string>());
        Assert.Equal("admin.oidc-client-invalid", badClient.ProblemCode);
        Assert.Equal(HttpStatusCode.Created, client.Status);
        Assert.Equal(Cvr, (await fixture.Admin.GetAsync("/api/admin/oidc-clients/" + clientId)).Json["owner_cvr"]!.GetValue<string>());
        var section = page.Html[page.Html.IndexOf("id=\"it-systems\"", StringComparison.Ordinal)..];
        Assert.Contains("NemLogin.Orleans demo service provider", section, StringComparison.Ordinal);
        Assert.Contains(DemoOrganisationData.CaseWorkerPrivilege, section, StringComparison.Ordinal);
        Assert.Contains(clientId, section, StringComparison.Ordinal);
    }

    private static StringContent Client(string clientId, string owner) => new(new JsonObject
    {
        ["client_id"] = clientId,
        ["client_secret"] = "a-client-secret-of-at-least-32-characters!",
        ["redirect_uris"] = new JsonArray("https://rp.example.dk/cb"),
        ["owner_cvr"] = owner,
    }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private async Task<BusinessIdentity> Employee(Guid id) => (await fixture.Grains.GetGrain<IBusinessIdentityGrain>(id).GetAsync())!;

    // Another active organisation (a grantee of business mandates; its employees are not bent's to change).
    private async Task<string> OtherOrganisationAsync()
    {
        await fixture.Grains.GetGrain<IOrganisationGrain>(DemoOrganisationData.SecondEmployerCvr).SaveAsync("self-service-other",
            new OrganisationDetails(DemoOrganisationData.SecondEmployerName, [], [], OrganisationStatus.Active, []));
        return DemoOrganisationData.SecondEmployerCvr;
    }

    // One of the page's forms, filled in: its hidden fields (form token, request id) and the given values.
    private async Task<TestBrowser.Page> SubmitAsync(SelfServiceBrowser browser, string formId, Dictionary<string, string> values)
    {
        var page = await browser.GetAsync(Page);
        var hidden = page.Form(formId).Fields.Where(f => f.Key is "csrf" or "requestId");
        return await browser.Browser.PostFormAsync(fixture.BaseUrl + page.Form(formId).Action, hidden.Concat(values));
    }

    // A button in the employee's row (by its visible label), pressed.
    private async Task<TestBrowser.Page> PressAsync(SelfServiceBrowser browser, Guid employeeId, string label)
    {
        var page = await browser.GetAsync(Page);
        var row = System.Text.RegularExpressions.Regex.Match(page.Html, $"<tr data-employee-id=\"{employeeId}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var form = System.Text.RegularExpressions.Regex.Matches(row, "<form method=\"post\" action=\"([^\"]+)\"[^>]*>(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .First(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value).Contains($">{label}</button>", StringComparison.Ordinal));
        var fields = System.Text.RegularExpressions.Regex.Matches(form.Groups[2].Value, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .Select(m => KeyValuePair.Create(m.Groups[1].Value, System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)));
        return await browser.Browser.PostFormAsync(fixture.BaseUrl + System.Net.WebUtility.HtmlDecode(form.Groups[1].Value), fields);
    }

    private static string EmployeeRow(TestBrowser.Page page, Guid employeeId) => SelfServiceBrowser.Row(page, employeeId, "data-employee-id");
}
