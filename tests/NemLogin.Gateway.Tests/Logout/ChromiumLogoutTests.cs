using Microsoft.Playwright;
using NemLogin.Gateway.Tests.Browser;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// Single logout in a real browser (Debian's Chromium, driven by Playwright): the demo SP's "Log out" button, and the broker's
/// logout page whose hidden frames tell the demo SP while a script waits for the answers.
/// </summary>
[Collection(Browser.ChromiumCollection.Name)]
public sealed class ChromiumLogoutTests(SloBroker broker) : IClassFixture<SloBroker>
{
    [Fact]
    public async Task DemoSp_LogOutButtonInChromium_LoggedOutThroughBroker()
    {
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync();
        await Chromium.LogInAtDemoSpAsync(page, broker.BaseUrl);

        await page.GetByRole(AriaRole.Link, new() { Name = "Log out", Exact = true }).ClickAsync();

        await Chromium.WaitForPageAsync(page, address => address == broker.BaseUrl + "/demo-sp/?logout=Success", "the demo SP told Success");
        await Assertions.Expect(page.Locator("#demo-logout")).ToHaveTextAsync("Success");
    }

    [Fact]
    public async Task BrokerLogoutPage_InChromium_FramesTellDemoSpAndPageShowsItConfirmed()
    {
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync();
        await Chromium.LogInAtDemoSpAsync(page, broker.BaseUrl);
        await page.GotoAsync(broker.BaseUrl + "/logout");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out everywhere" }).ClickAsync();

        await page.Locator("#logged-out").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "LoggedOut");
        await page.GotoAsync(broker.BaseUrl + "/demo-sp/");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("You are not logged in");
    }
}
