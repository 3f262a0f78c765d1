using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using NemLogin.Gateway.Tests.Browser;
using NemLogin.Gateway.Tests.Logout;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>
/// OIDC Front-Channel Logout 1.0: when the session ends in this browser, the logout page loads each client's registered
/// <c>frontchannel_logout_uri</c> in a frame, with <c>iss</c> and the client's own <c>sid</c> when it asked for them.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class OidcFrontChannelLogoutTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    // Class: a relying party's session outliving the broker session (front channel); another client's sid leaking.
    [Fact]
    public async Task BrokerLogout_FrontChannelClients_FramedWithIssAndOwnSidOnlyWhenRequired()
    {
        const string WithSession = "https://rp-fc-a.test/fc?keep=1";
        const string Bare = "https://rp-fc-b.test/fc";
        var a = await RegisterAsync(WithSession, sessionRequired: true);
        var b = await RegisterAsync(Bare, sessionRequired: false);
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var sidA = await LogInAsync(browser, a);
        await LogInAsync(browser, b);

        var progress = await channel.PostAndFollowAsync(broker.BaseUrl + "/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, progress.Status);
        var expectedA = QueryHelpers.AddQueryString(WithSession, new Dictionary<string, string?> { ["iss"] = broker.BaseUrl + "/", ["sid"] = sidA });
        Assert.Contains($"data-front-channel=\"{WebUtility.HtmlEncode(expectedA)}\"", progress.Html, StringComparison.Ordinal);
        Assert.Contains($"data-front-channel=\"{Bare}\"", progress.Html, StringComparison.Ordinal);
        Assert.Contains($"<iframe src=\"{Bare}\"", progress.Html, StringComparison.Ordinal); // without JavaScript too
        Assert.Contains("frame-src 'self' https://rp-fc-a.test https://rp-fc-b.test", progress.Csp, StringComparison.Ordinal);
        Assert.DoesNotContain(progress.FrameSources, f => f.Contains("/participants/", StringComparison.Ordinal)); // no SAML participant

        // Nothing to wait for but the frames' loads: the finish is the result page, and the session is gone.
        var finish = await channel.GetAsync(progress.Url + "/finish");
        Assert.Contains("logged-out", finish.Html, StringComparison.Ordinal);
        var after = await browser.GetAsync(broker.AuthorizeUrl(OidcBroker.Pkce.New(), clientId: a, extra: new Dictionary<string, string?> { ["prompt"] = "none", ["scope"] = "openid" }));
        Assert.Contains("error=login_required", after.Url.Query, StringComparison.Ordinal);
    }

    // Class: the same in a real browser: the frame is loaded, with the sid the client's ID token carries.
    [Fact]
    public async Task BrokerLogoutInChromium_FrontChannelPageLoadedWithTheClientsSid()
    {
        await using var listener = await RelyingPartyListener.StartAsync();
        var clientId = await RegisterAsync(listener.Url + "/frontchannel", sessionRequired: true, redirectUri: listener.Url + "/callback");
        await using var chromium = await Chromium.StartAsync();
        var page = await chromium.NewPageAsync();
        var pkce = OidcBroker.Pkce.New();

        await page.GotoAsync(broker.AuthorizeUrl(pkce, clientId: clientId, redirectUri: listener.Url + "/callback", extra: new Dictionary<string, string?> { ["scope"] = "openid" }));
        await page.Locator("input[name=username]").FillAsync("alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.Locator("#callback").WaitForAsync();
        var code = QueryHelpers.ParseQuery(new Uri(page.Url).Query)["code"].ToString();
        var sid = new JsonWebToken(await broker.RedeemForIdTokenAsync(clientId, code, pkce, listener.Url + "/callback")).GetClaim("sid").Value;

        await page.GotoAsync(broker.BaseUrl + "/logout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out everywhere" }).ClickAsync();
        await page.Locator("#logged-out").WaitForAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var call = await listener.FrontChannelCalls.Reader.ReadAsync(timeout.Token);
        Assert.Equal(broker.BaseUrl + "/", call["iss"].ToString());
        Assert.Equal(sid, call["sid"].ToString());
    }

    /// <summary>The client's sid (from its ID token) after logging in, by single sign-on when the browser has a session.</summary>
    private async Task<string> LogInAsync(TestBrowser browser, string clientId)
    {
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce, clientId: clientId, extra: new Dictionary<string, string?> { ["scope"] = "openid" }));
        return new JsonWebToken(await broker.RedeemForIdTokenAsync(clientId, query["code"], pkce)).GetClaim("sid").Value;
    }

    private async Task<string> RegisterAsync(string frontChannelUri, bool sessionRequired, string? redirectUri = null)
    {
        var clientId = "fcl-" + Guid.NewGuid().ToString("N")[..8];
        using var registered = await broker.RegisterAsync(new
        {
            client_id = clientId,
            client_secret = OidcBroker.Secret,
            redirect_uris = new[] { redirectUri ?? broker.RedirectUri },
            frontchannel_logout_uri = frontChannelUri,
            frontchannel_logout_session_required = sessionRequired,
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return clientId;
    }
}
