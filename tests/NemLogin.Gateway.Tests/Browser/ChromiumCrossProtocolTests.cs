using Microsoft.Playwright;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Browser;

/// <summary>
/// One browser session across SAML and OpenID Connect in a real browser: the demo SP (SAML) and the demo relying party
/// (OIDC) of the embedded broker share one login both ways, and a logout at either ends both.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumCrossProtocolTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    // Class: cross-protocol SSO and logout; a logout at the OIDC client that leaves the SAML SP's session alive.
    [Fact]
    public async Task SamlLoginThenOidcSso_LogoutAtRelyingParty_EndsTheSamlSessionToo()
    {
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync();
        Assert.True(await Chromium.LogInAtDemoSpAsync(page, fixture.BaseUrl));

        Assert.False(await Chromium.LogInAtDemoRpAsync(page, fixture.BaseUrl), "the OIDC login asked again after a SAML login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log out", Exact = true }).ClickAsync();

        // The broker's progress page tells the demo SP in its frame, then returns to the relying party.
        await Chromium.WaitForPageAsync(page, address => address == fixture.BaseUrl + "/demo-rp/", "the demo RP");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("You are not logged in");
        await page.GotoAsync(fixture.BaseUrl + "/demo-sp/");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("You are not logged in");
        await page.GotoAsync(fixture.BaseUrl + "/logout");
        await Assertions.Expect(page.Locator("#no-session")).ToBeVisibleAsync();
    }

    // Class: cross-protocol SSO and logout the other way; a SAML logout that leaves the OIDC client's session alive.
    [Fact]
    public async Task OidcLoginThenSamlSso_LogoutAtServiceProvider_EndsTheRelyingPartySessionToo()
    {
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync();
        Assert.True(await Chromium.LogInAtDemoRpAsync(page, fixture.BaseUrl));

        Assert.False(await Chromium.LogInAtDemoSpAsync(page, fixture.BaseUrl), "the SAML login asked again after an OIDC login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log out", Exact = true }).ClickAsync();
        // Wait for whichever outcome the SP is told, so a partial logout fails here by name, not as a timeout.
        await Chromium.WaitForPageAsync(page, url => url.StartsWith(fixture.BaseUrl + "/demo-sp/?logout=", StringComparison.Ordinal),
            "the demo SP's logout outcome");
        Assert.Equal(fixture.BaseUrl + "/demo-sp/?logout=Success", page.Url);

        // The relying party heard the logout over the back channel.
        await page.GotoAsync(fixture.BaseUrl + "/demo-rp/");
        await Assertions.Expect(page.Locator("#ended-at-broker")).ToBeVisibleAsync();
        await page.GotoAsync(fixture.BaseUrl + "/logout");
        await Assertions.Expect(page.Locator("#no-session")).ToBeVisibleAsync();
    }
}
