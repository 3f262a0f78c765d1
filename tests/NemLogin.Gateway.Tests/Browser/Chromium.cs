using Deque.AxeCore.Playwright;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace NemLogin.Gateway.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download cannot work here): one browser per test, pages with
/// timeouts generous enough for two shared cores (the assertions are about what is shown, not how fast).
/// </summary>
public sealed partial class Chromium(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    private static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static async Task<Chromium> StartAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath}; the test command installs Debian's chromium.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Chromium(playwright, browser);
    }

    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A new page; <paramref name="locale"/> sets the browser's language (its <c>Accept-Language</c>).</summary>
    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = locale });
        page.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
        Assertions.SetDefaultExpectTimeout((float)PageTimeout.TotalMilliseconds);
        var visited = Visits.GetOrCreateValue(page);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                lock (visited)
                {
                    visited.Add(frame.Url.Length > 100 ? frame.Url[..100] + "…" : frame.Url);
                }
            }
        };
        return page;
    }

    // The main frame's addresses, in order, for the message of a page that never came.
    private static readonly ConditionalWeakTable<IPage, List<string>> Visits = new();

    /// <summary>
    /// Waits until the page's address matches <paramref name="url"/> (a committed navigation), polling the address itself.
    /// Not Playwright's <c>WaitForURLAsync</c>: when the address already matches, it waits for the load event even when
    /// asked for commit only, and a page still loading (the logout page's frames, or a load event missed after an
    /// auto-post chain) kept the test waiting its full 60 s on a page that had arrived. On timeout it fails naming where
    /// the browser is, what it shows and the pages it came through.
    /// </summary>
    public static Task WaitForPageAsync(IPage page, Regex url, TimeSpan? timeout = null) =>
        WaitForPageAsync(page, address => url.IsMatch(address), url.ToString(), timeout);

    /// <inheritdoc cref="WaitForPageAsync(IPage, Regex, TimeSpan?)"/>
    public static async Task WaitForPageAsync(IPage page, Func<string, bool> url, string expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? PageTimeout);
        while (!url(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                var body = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
                string way;
                var visited = Visits.GetOrCreateValue(page);
                lock (visited)
                {
                    way = string.Join(" → ", visited);
                }

                throw new TimeoutException(
                    $"The browser never reached {expected}; it is at {page.Url} showing: {body[..Math.Min(body.Length, 600)]}\nIts way: {way}");
            }

            await Task.Delay(50);
        }
    }

    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    /// <summary>
    /// Keeps a full-page screenshot of <paramref name="page"/> as <c>artifacts/screenshots/{name}.png</c> under the test
    /// output, then runs axe on it and fails with every violation found (WCAG 2.1 AA and axe's best practices).
    /// </summary>
    public static async Task CheckPageAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0,
            $"axe found on {name} ({page.Url}): " + string.Join("; ", results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }

    /// <summary>
    /// Clicks the demo SP's "Log in" and, when the MitID simulator asks, logs in as <paramref name="user"/>; waits for the
    /// demo SP's page with the person's NameID. Returns whether the simulator's login page was shown (false: single sign-on).
    /// </summary>
    public static async Task<bool> LogInAtDemoSpAsync(IPage page, string baseUrl, string user = "alice")
    {
        await page.GotoAsync(baseUrl + "/demo-sp/");
        var sawLogin = await ClickLogInAsync(page, DemoSpPage(), user);
        Assert.Equal(0, await page.Locator("#demo-error").CountAsync());
        await page.Locator("#name-id").WaitForAsync();
        return sawLogin;
    }

    /// <summary>The demo relying party's "Log in", as <see cref="LogInAtDemoSpAsync"/> does it; waits for the ID token's claims.</summary>
    public static async Task<bool> LogInAtDemoRpAsync(IPage page, string baseUrl, string user = "alice")
    {
        await page.GotoAsync(baseUrl + "/demo-rp/");
        var sawLogin = await ClickLogInAsync(page, DemoRpPage(), user);
        Assert.Equal(0, await page.Locator("#demo-error").CountAsync());
        await page.Locator("#claims").WaitForAsync();
        return sawLogin;
    }

    private static async Task<bool> ClickLogInAsync(IPage page, Regex home, string user)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        var username = page.Locator("input[name=username]");

        // Either the simulator asks, or single sign-on brings the browser straight home.
        await Assertions.Expect(page.Locator("input[name=username], #name-id, #claims, #demo-error")).Not.ToHaveCountAsync(0);
        var sawLogin = await username.CountAsync() > 0;
        if (sawLogin)
        {
            await username.FillAsync(user);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        }

        await WaitForPageAsync(page, home);
        return sawLogin;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    // Any demo page: a refusal comes back as ?error=..., and its text is the useful failure message.
    [GeneratedRegex("/demo-sp/(\\?.*)?$")]
    private static partial Regex DemoSpPage();

    [GeneratedRegex("/demo-rp/(\\?.*)?$")]
    private static partial Regex DemoRpPage();
}
