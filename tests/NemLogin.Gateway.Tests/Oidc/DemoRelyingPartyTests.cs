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

    // Class: a relying party's session outliving the broker session (OIDC Back-Channel Logout 1.0), here the demo RP's own.
    [Fact]
    public async Task DemoRp_BrokerLogoutElsewhere_BackChannelEndsTheDemoRpSession()
    {
        using var browser = new TestBrowser();
        var login = await browser.GetAsync(broker.BaseUrl + "/demo-rp/login");
        var shown = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "alice" });
        Assert.Contains("data-claim=\"sid\"", shown.Html, StringComparison.Ordinal);

        var logoutPage = await browser.GetAsync(broker.BaseUrl + "/logout");
        var loggedOut = await browser.SubmitAsync(logoutPage);
        Assert.Contains("logged-out", loggedOut.Html, StringComparison.Ordinal);

        var after = await browser.GetAsync(broker.BaseUrl + "/demo-rp/");
        Assert.Contains("id=\"ended-at-broker\"", after.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-claim=", after.Html, StringComparison.Ordinal);
    }

    // Class: forged logout tokens (an unsigned or foreign token must not log anyone out).
    [Theory]
    [InlineData("")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoibG9nb3V0K2p3dCJ9.eyJzaWQiOiJ4In0.")]
    public async Task DemoRp_BackChannelLogoutWithBadToken_400(string token)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(broker.BaseUrl + "/demo-rp/backchannel-logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token }), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
