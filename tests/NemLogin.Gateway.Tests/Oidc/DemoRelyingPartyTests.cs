using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>The demo relying party at /demo-rp, driven like a person without JavaScript would.</summary>
public sealed class DemoRelyingPartyTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    [Fact]
    public async Task DemoRp_LoginAsAlice_ShowsVerifiedIdTokenClaimsIncludingCpr()
    {
        using var browser = new TestBrowser();
        var start = await browser.GetAsync(broker.BaseUrl + "/demo-rp/");
        Assert.Contains("not logged in", start.Html, StringComparison.Ordinal);

        var login = await browser.GetAsync(broker.BaseUrl + "/demo-rp/login");
        var shown = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "alice" });

        Assert.Equal(broker.BaseUrl + "/demo-rp/", shown.Url.ToString());
        Assert.DoesNotContain("demo-error", shown.Html, StringComparison.Ordinal);
        Assert.Contains("data-claim=\"sub\"", shown.Html, StringComparison.Ordinal);
        Assert.Contains("data-claim=\"cpr\"", shown.Html, StringComparison.Ordinal);
        Assert.Contains("https://data.gov.dk/concept/core/nsis/loa/Substantial", shown.Html, StringComparison.Ordinal);
    }
}
