using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NemLogin.Demo.DemoMandate;
using NemLogin.Demo.DemoRp;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Rights;
using Xunit;

namespace NemLogin.Gateway.Tests.Browser;

/// <summary>
/// Issue 12's proof in a real browser: alice grants dorte a mandate in the self-service pages for the demo SP (SAML) and the
/// demo RP (OpenID Connect); dorte's next logins there ask whom she acts for and, acting for alice, carry alice's scope (the
/// privileges document at the SP, <c>act</c> and <c>privileges</c> at the RP); alice revokes it in the pages, and dorte's
/// next logins ask nothing and carry nothing. axe finds no violation on any self-service page in Danish or English.
/// dorte, not bent, is the grantee: the demo data already has alice's mandate for bent at the demo SP.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumSelfServiceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string RpPrivilege = "urn:dk:nemlogin:demo-rp:privilege:reader";

    [Fact]
    public async Task Alice_GrantsAndRevokesInThePages_DortesNextLoginsFollowInSamlAndOidc()
    {
        await PrepareAsync();
        await using var chromium = await Chromium.StartAsync();

        // dorte has used the broker before (a person is found by CPR number once they have logged in).
        var first = await chromium.NewPageAsync(locale: "da-DK");
        await Chromium.LogInAtDemoSpAsync(first, fixture.BaseUrl, "dorte");
        await first.Context.CloseAsync();

        // alice grants in the pages, Danish first.
        var alice = await chromium.NewPageAsync(locale: "da-DK");
        await SelfServiceLogInAsync(alice, "alice");
        await Assertions.Expect(alice.Locator("h1")).ToHaveTextAsync("Dine fuldmagter");
        await Chromium.CheckPageAsync(alice, "self-service-overview-da");
        await alice.GetByRole(AriaRole.Link, new() { Name = "Giv fuldmagt" }).First.ClickAsync();
        await Assertions.Expect(alice.Locator("h1")).ToHaveTextAsync("Giv en fuldmagt");
        await Chromium.CheckPageAsync(alice, "self-service-grant-da");

        // Sent empty first: the error summary, linked to the fields.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Giv fuldmagt" }).ClickAsync();
        await Assertions.Expect(alice.Locator("#error-summary")).ToBeVisibleAsync();
        await Chromium.CheckPageAsync(alice, "self-service-grant-errors-da");

        await alice.GetByLabel("CPR-nummer").FillAsync(TestUsers.Dorte.CprNumber);
        await alice.GetByLabel("Fulde navn").FillAsync("Dorte Dahl");
        await alice.GetByLabel("NemLogin.Orleans demo service provider").CheckAsync();
        await alice.GetByLabel("Demo relying party", new() { Exact = true }).CheckAsync();
        await alice.GetByRole(AriaRole.Button, new() { Name = "Giv fuldmagt" }).ClickAsync();
        await Assertions.Expect(alice.Locator("#notice")).ToHaveTextAsync("Fuldmagten er givet.");
        await Assertions.Expect(alice.Locator("#given-table")).ToContainTextAsync("Dorte Dahl");
        await Assertions.Expect(alice.Locator("#given-table")).Not.ToContainTextAsync(TestUsers.Dorte.CprNumber);

        // The same pages in English.
        await alice.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(alice.Locator("h1")).ToHaveTextAsync("Your mandates");
        Assert.Equal("en", await alice.Locator("html").GetAttributeAsync("lang"));
        await Chromium.CheckPageAsync(alice, "self-service-overview-en");
        await alice.GetByRole(AriaRole.Link, new() { Name = "Grant a mandate" }).First.ClickAsync();
        await Chromium.CheckPageAsync(alice, "self-service-grant-en");
        await alice.GetByRole(AriaRole.Link, new() { Name = "Request a mandate" }).First.ClickAsync();
        await Assertions.Expect(alice.Locator("h1")).ToHaveTextAsync("Request a mandate");
        await Chromium.CheckPageAsync(alice, "self-service-request-en");
        await alice.GetByRole(AriaRole.Link, new() { Name = "Dansk" }).ClickAsync();
        await Assertions.Expect(alice.Locator("h1")).ToHaveTextAsync("Anmod om en fuldmagt");
        await Chromium.CheckPageAsync(alice, "self-service-request-da");

        // dorte's next login at the SP asks whom she acts for; acting for alice, the privileges are scoped to alice.
        var dorte = await chromium.NewPageAsync(locale: "da-DK");
        await LogInAsync(dorte, "/demo-sp/", "dorte");
        await ChooseAsync(dorte, "Alice Andersen (fuldmagt)", "/demo-sp/");
        await Assertions.Expect(dorte.Locator("#privileges")).ToContainTextAsync("urn:dk:gov:saml:cprNumberIdentifier:" + TestUsers.Alice.CprNumber);
        await Chromium.CheckPageAsync(dorte, "self-service-dorte-demo-sp-for-alice");

        // And at the RP (single sign-on, the same question): act names alice, privileges come from the RP's catalogue.
        await dorte.GotoAsync(fixture.BaseUrl + "/demo-rp/");
        await dorte.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await ChooseAsync(dorte, "Alice Andersen (fuldmagt)", "/demo-rp/");
        await Assertions.Expect(dorte.Locator("[data-claim=act] + td")).ToContainTextAsync("urn:dk:gov:saml:cprNumberIdentifier:" + TestUsers.Alice.CprNumber);
        await Assertions.Expect(dorte.Locator("[data-claim=privileges] + td")).ToContainTextAsync(RpPrivilege);
        await dorte.Context.CloseAsync();

        // alice revokes in the pages.
        await alice.GetByRole(AriaRole.Link, new() { Name = "Fuldmagter", Exact = true }).ClickAsync();
        await alice.GetByRole(AriaRole.Button, new() { Name = "Tilbagekald fuldmagten til Dorte Dahl" }).ClickAsync();
        await Assertions.Expect(alice.Locator("#notice")).ToHaveTextAsync("Fuldmagten er tilbagekaldt.");
        await Assertions.Expect(alice.Locator("#given-table")).ToContainTextAsync("Tilbagekaldt");
        await Chromium.CheckPageAsync(alice, "self-service-revoked-da");

        // dorte's next logins: no question, no privileges, no act.
        var after = await chromium.NewPageAsync(locale: "da-DK");
        await Chromium.LogInAtDemoSpAsync(after, fixture.BaseUrl, "dorte");
        Assert.Equal(0, await after.Locator("#privileges").CountAsync());
        Assert.False(await Chromium.LogInAtDemoRpAsync(after, fixture.BaseUrl, "dorte"), "the OIDC login asked again after a SAML login");
        Assert.Equal(0, await after.Locator("[data-claim=act]").CountAsync());
        Assert.Equal(0, await after.Locator("[data-claim=privileges]").CountAsync());
    }

    // The organisation administrator's page (bent administers the demo organisation) and the refusal pages, in both
    // languages, without axe violations: below Substantial (carl), not an administrator (alice).
    [Fact]
    public async Task OrganisationAndRefusalPages_BothLanguages_NoAxeViolations()
    {
        await PrepareAsync();
        await using var chromium = await Chromium.StartAsync();

        var bent = await chromium.NewPageAsync(locale: "da-DK");
        await SelfServiceLogInAsync(bent, "bent");
        await bent.GetByRole(AriaRole.Link, new() { Name = "Organisation: " + DemoOrganisationData.Name }).ClickAsync();
        await Assertions.Expect(bent.Locator("h1")).ToHaveTextAsync($"{DemoOrganisationData.Name} (CVR {DemoOrganisationData.Cvr})");
        await Assertions.Expect(bent.Locator("#employees-table")).ToContainTextAsync("Bent Bentsen");
        await Chromium.CheckPageAsync(bent, "self-service-organisation-da");

        // An employee added by CPR number and name, shown in the table.
        await bent.GetByLabel("CPR-nummer").First.FillAsync(TestUsers.Alice.CprNumber);
        await bent.Locator("#employee-name").FillAsync("Alice Andersen");
        await bent.GetByRole(AriaRole.Button, new() { Name = "Tilføj medarbejder" }).ClickAsync();
        await Assertions.Expect(bent.Locator("#notice")).ToHaveTextAsync("Medarbejderen er tilføjet.");
        await Assertions.Expect(bent.Locator("#employees-table")).ToContainTextAsync("Alice Andersen");

        // A business mandate sent without a grantee: the errors on the page.
        await bent.GetByRole(AriaRole.Button, new() { Name = "Giv erhvervsfuldmagt" }).ClickAsync();
        await Assertions.Expect(bent.Locator("#error-summary")).ToBeVisibleAsync();
        await Chromium.CheckPageAsync(bent, "self-service-organisation-errors-da");
        await bent.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(bent.Locator("#employees")).ToHaveTextAsync("Employees");
        await Chromium.CheckPageAsync(bent, "self-service-organisation-en");

        var carl = await chromium.NewPageAsync(locale: "da-DK");
        await SelfServiceLogInAsync(carl, "carl");
        await Assertions.Expect(carl.Locator("[data-error-code]")).ToHaveTextAsync("self-service.loa-too-low");
        await Chromium.CheckPageAsync(carl, "self-service-loa-too-low-da");

        var alice = await chromium.NewPageAsync(locale: "en-GB");
        await SelfServiceLogInAsync(alice, "alice", "/selvbetjening/organisationer/" + DemoOrganisationData.Cvr);
        await Assertions.Expect(alice.Locator("[data-error-code]")).ToHaveTextAsync("self-service.not-administrator");
        Assert.Equal("en", await alice.Locator("html").GetAttributeAsync("lang"));
        await Chromium.CheckPageAsync(alice, "self-service-not-administrator-en");
    }

    // The demo RP gets a catalogue of its own (the demo registers none), so "all of it" carries a privilege in OIDC too.
    private async Task PrepareAsync()
    {
        var services = fixture.Broker.Services;
        await services.GetRequiredService<DemoRpRegistrar>().Registered;
        await services.GetRequiredService<DemoMandateSeeder>().Seeded;
        await DemoOrganisationData.BentAsync(fixture.Broker);
        await services.GetRequiredService<IGrainFactory>().GetGrain<IPrivilegeCatalogueGrain>(ItSystem.Oidc(DemoRelyingParty.ClientId).Key)
            .ReplaceAsync("chromium-rp-catalogue", [new Privilege(RpPrivilege, "Læser", [])]);
    }

    // Opens a self-service page and logs in at the MitID simulator it sends the browser to.
    private async Task SelfServiceLogInAsync(IPage page, string user, string path = "/selvbetjening")
    {
        await page.GotoAsync(fixture.BaseUrl + path);
        await page.Locator("input[name=username]").FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    private async Task LogInAsync(IPage page, string home, string user)
    {
        await page.GotoAsync(fixture.BaseUrl + home);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.Locator("input[name=username]").FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    private static async Task ChooseAsync(IPage page, string label, string home)
    {
        await Chromium.WaitForPageAsync(page, new Regex("/login/act-as/"));
        await page.GetByLabel(label).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fortsæt" }).ClickAsync();
        await Chromium.WaitForPageAsync(page, new Regex(Regex.Escape(home) + "(\\?.*)?$"));
    }
}
