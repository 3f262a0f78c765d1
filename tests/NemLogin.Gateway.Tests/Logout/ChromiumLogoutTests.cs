using Microsoft.Playwright;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// Single logout in a real browser (Debian's Chromium, driven by Playwright): the demo SP's "Log out" button, and the broker's
/// logout page whose hidden frames tell the demo SP while a script waits for the answers.
/// </summary>
[Collection(Browser.ChromiumCollection.Name)]
public sealed class ChromiumLogoutTests(SloBroker broker) : IClassFixture<SloBroker>
{
    /// <summary>A browser is the heaviest thing the suite runs; on two cores it gets the machine to itself.</summary>
    private static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    [Fact]
    public async Task DemoSp_LogOutButtonInChromium_LoggedOutThroughBroker()
    {
        await using var session = await ChromiumSession.StartAsync();
        var page = await LogInAtDemoSpAsync(session.Browser);

        await page.GetByRole(AriaRole.Link, new() { Name = "Log out", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(broker.BaseUrl + "/demo-sp/?logout=Success", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#demo-logout")).ToHaveTextAsync("Success");
    }

    [Fact]
    public async Task BrokerLogoutPage_InChromium_FramesTellDemoSpAndPageShowsItConfirmed()
    {
        await using var session = await ChromiumSession.StartAsync();
        var page = await LogInAtDemoSpAsync(session.Browser);
        await page.GotoAsync(broker.BaseUrl + "/logout");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out everywhere" }).ClickAsync();

        await page.Locator("#logged-out").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "LoggedOut");
        await page.GotoAsync(broker.BaseUrl + "/demo-sp/");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("You are not logged in");
    }

    private async Task<IPage> LogInAtDemoSpAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync();
        // Generous: CI shares two cores with the broker; the assertions are about what is shown, not how fast.
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        await page.GotoAsync(broker.BaseUrl + "/demo-sp/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.Locator("input[name=username]").FillAsync("alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        // Any /demo-sp/ page: a refusal comes back as ?error=..., and its text is the useful failure message.
        try
        {
            // Commit, not load: the page's content is asserted next, and a load event a busy machine delivers late (or that
            // Playwright misses after the auto-post chain) must not fail a login that happened.
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/demo-sp/(\\?.*)?$"), new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException ex)
        {
            var body = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"Login did not reach the demo SP; the browser is at {page.Url} showing: {body[..Math.Min(body.Length, 600)]}", ex);
        }

        Assert.Equal(0, await page.Locator("#demo-error").CountAsync());
        await page.Locator("#name-id").WaitForAsync();
        return page;
    }

    private sealed class ChromiumSession(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public IBrowser Browser => browser;

        public static async Task<ChromiumSession> StartAsync()
        {
            Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath}; the test command installs Debian's chromium.");
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new ChromiumSession(playwright, browser);
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
