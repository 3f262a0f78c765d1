using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Browser;

/// <summary>
/// The demo organisation IdP clicked in Chromium: the demo SP's Professional login, the broker's upstream choice page in
/// Danish and (at its link) English, "my organisation" by the employee's e-mail, the demo IdP's login form, and back at the
/// demo SP as the demo organisation's employee. axe finds no violation on the choice page in either language, on the demo
/// IdP's form or on the result; screenshots are kept under <c>artifacts/screenshots</c>.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumDemoOrganisationIdpTests(DemoOrganisationIdpFixture fixture) : IClassFixture<DemoOrganisationIdpFixture>
{
    [Fact]
    public async Task ProfessionalLogin_ThroughMyOrganisation_ChoicePageInDanishAndEnglishAndIdpFormWithoutAxeViolations()
    {
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync(locale: "da-DK");

        await page.GotoAsync(fixture.BaseUrl + "/demo-sp/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in as an employee (Professional)" }).ClickAsync();
        await page.Locator("input[name=organisation]").WaitForAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Log ind");
        Assert.Equal("da", await page.Locator("html").GetAttributeAsync("lang"));
        await Chromium.CheckPageAsync(page, "upstream-choice-da");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Log in");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await Chromium.CheckPageAsync(page, "upstream-choice-en");

        await page.GetByLabel("Your work e-mail address or your organisation's CVR number").FillAsync(DemoOrganisationIdpFixture.EmployeeEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to your organisation" }).ClickAsync();
        await Chromium.WaitForPageAsync(page, new Regex("/demo-org-idp/sso\\?"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Demo Erhverv ApS");
        await Chromium.CheckPageAsync(page, "demo-org-idp");

        await page.GetByLabel("Work e-mail address").FillAsync(DemoOrganisationIdpFixture.EmployeeEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Chromium.WaitForPageAsync(page, new Regex("/demo-sp/(\\?.*)?$"));
        await Assertions.Expect(page.Locator("#name-id")).ToContainTextAsync("https://data.gov.dk/model/core/eid/professional/uuid/");
        await Assertions.Expect(page.Locator("#attributes")).ToContainTextAsync(DemoOrganisationData.Cvr);
        await Assertions.Expect(page.Locator("#privileges")).ToContainTextAsync(DemoOrganisationData.CaseWorkerPrivilege);
        Assert.Equal(0, await page.Locator("#demo-error").CountAsync());
        await Chromium.CheckPageAsync(page, "demo-sp-org-idp");
    }
}
