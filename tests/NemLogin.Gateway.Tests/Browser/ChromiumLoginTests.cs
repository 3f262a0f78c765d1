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
    [Fact]
    public async Task DemoSp_LoginAsAliceInChromium_AttributesShown()
    {
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync();

        Assert.True(await Chromium.LogInAtDemoSpAsync(page, fixture.BaseUrl));

        var attributes = page.Locator("#attributes");
        await Assertions.Expect(attributes).ToContainTextAsync("https://data.gov.dk/model/core/specVersion");
        await Assertions.Expect(attributes).ToContainTextAsync("OIO-SAML-3.0");
        await Assertions.Expect(attributes).ToContainTextAsync("https://data.gov.dk/concept/core/nsis/loa");
        await Assertions.Expect(attributes).ToContainTextAsync("Substantial");
    }
}
