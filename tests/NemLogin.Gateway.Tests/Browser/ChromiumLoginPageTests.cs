using Microsoft.Playwright;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Browser;

/// <summary>
/// The broker's login page in a real browser: an employee of two organisations chooses whom to act as (a plain form,
/// Danish by default, English at the link), and axe finds no WCAG violation on any page of the flow. Screenshots of each
/// page are kept under the test output's <c>artifacts/screenshots</c>.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumLoginPageTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    // Rule: WCAG 2.1 AA on every page of the flow (axe); the choice is labelled with the organisation's name; a Danish
    // browser gets Danish, and the link switches to English.
    [Fact]
    public async Task ProfessionalLogin_TwoEmployers_ChooseInDanishAndEnglishWithoutAxeViolations()
    {
        var second = await DemoOrganisationData.AddSecondEmployerAsync(fixture.Broker);
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync(locale: "da-DK");

        await page.GotoAsync(fixture.BaseUrl + "/demo-sp/");
        await CheckAsync(page, "demo-sp");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in as an employee (Professional)" }).ClickAsync();
        await page.Locator("input[name=username]").WaitForAsync();
        await CheckAsync(page, "mitid-simulator");
        await page.Locator("input[name=username]").FillAsync("bent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        await Chromium.WaitForPageAsync(page, new System.Text.RegularExpressions.Regex("/login/act-as/"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hvem handler du på vegne af?");
        Assert.Equal("da", await page.Locator("html").GetAttributeAsync("lang"));
        await CheckAsync(page, "act-as-da");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Whom do you act as?");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await CheckAsync(page, "act-as-en");

        await page.GetByLabel(DemoOrganisationData.SecondEmployerName).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Chromium.WaitForPageAsync(page, new System.Text.RegularExpressions.Regex("/demo-sp/(\\?.*)?$"));
        await Assertions.Expect(page.Locator("#name-id")).ToHaveTextAsync("https://data.gov.dk/model/core/eid/professional/uuid/" + second);
        await Assertions.Expect(page.Locator("#attributes")).ToContainTextAsync(DemoOrganisationData.SecondEmployerCvr);
        await CheckAsync(page, "demo-sp-professional");
    }

    private static Task CheckAsync(IPage page, string name) => Chromium.CheckPageAsync(page, name);
}
