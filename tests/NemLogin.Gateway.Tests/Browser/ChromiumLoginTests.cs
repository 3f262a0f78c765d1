using Microsoft.Playwright;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Browser;

/// <summary>
/// What a new user does after the README's first command: open the demo SP in Chromium, log in as alice at the
/// MitID simulator, see the OIOSAML attributes. Debian's Chromium, driven by Playwright.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumLoginTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    [Fact]
    public async Task DemoSp_LoginAsAliceInChromium_AttributesShown()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath}; the test command installs Debian's chromium.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        // Generous: CI shares two cores with the broker; the assertion is about what is shown, not how fast.
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);

        await page.GotoAsync(fixture.BaseUrl + "/demo-sp/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.Locator("input[name=username]").FillAsync("alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        // Any /demo-sp/ page: a refusal comes back as ?error=..., and its text is the useful failure message.
        // Commit, not load: the page's content is asserted next, and a load event a busy machine delivers late (or that
        // Playwright misses after the auto-post chain) must not fail a login that happened.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/demo-sp/(\\?.*)?$"), new() { WaitUntil = WaitUntilState.Commit });
        Assert.Equal(string.Empty, await page.Locator("#demo-error").CountAsync() == 0 ? string.Empty : await page.Locator("#demo-error").InnerTextAsync());

        var attributes = page.Locator("#attributes");
        await Assertions.Expect(attributes).ToContainTextAsync("https://data.gov.dk/model/core/specVersion");
        await Assertions.Expect(attributes).ToContainTextAsync("OIO-SAML-3.0");
        await Assertions.Expect(attributes).ToContainTextAsync("https://data.gov.dk/concept/core/nsis/loa");
        await Assertions.Expect(attributes).ToContainTextAsync("Substantial");
    }
}
