using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>RP-initiated logout: only to a registered post_logout_redirect_uri, and it ends the broker session.</summary>
public sealed class OidcEndSessionTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    private string EndSessionUrl(string postLogoutRedirectUri) => QueryHelpers.AddQueryString(broker.BaseUrl + "/connect/endsession", new Dictionary<string, string?>
    {
        ["client_id"] = broker.ClientId,
        ["post_logout_redirect_uri"] = postLogoutRedirectUri,
        ["state"] = "bye",
    });

    // Class: open redirect through an unregistered post_logout_redirect_uri; the session is not ended by it.
    [Fact]
    public async Task EndSession_UnregisteredPostLogoutUri_ErrorPageSessionKept()
    {
        using var browser = new TestBrowser();
        await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(OidcBroker.Pkce.New()));

        var page = await browser.GetAsync(EndSessionUrl(broker.BaseUrl + "/rp/logged-out-elsewhere"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.StartsWith(broker.BaseUrl + "/connect/endsession", page.Url.ToString(), StringComparison.Ordinal);
        var (sso, sawLogin) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(OidcBroker.Pkce.New(), extra: new Dictionary<string, string?> { ["prompt"] = "none" }));
        Assert.False(sawLogin);
        Assert.True(sso.ContainsKey("code"));
    }

    // Class: logout that leaves the broker session alive (the next prompt=none would sign in again).
    [Fact]
    public async Task EndSession_RegisteredPostLogoutUri_RedirectsWithStateAndEndsSession()
    {
        using var browser = new TestBrowser();
        await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(OidcBroker.Pkce.New()));

        var page = await browser.GetAsync(EndSessionUrl(broker.BaseUrl + "/rp/logged-out"));

        Assert.StartsWith(broker.BaseUrl + "/rp/logged-out", page.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains("state=bye", page.Url.Query, StringComparison.Ordinal);
        var after = await browser.GetAsync(broker.AuthorizeUrl(OidcBroker.Pkce.New(), extra: new Dictionary<string, string?> { ["prompt"] = "none" }));
        Assert.Contains("error=login_required", after.Url.Query, StringComparison.Ordinal);
    }
}
