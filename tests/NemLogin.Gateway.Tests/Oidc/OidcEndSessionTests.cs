using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>
/// RP-initiated logout: only to a registered post_logout_redirect_uri, and it ends the broker session; without proof that
/// the request comes from a party of this session (an id_token_hint with its sid) the person is asked first.
/// </summary>
public sealed class OidcEndSessionTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    private string EndSessionUrl(string postLogoutRedirectUri, string? idTokenHint = null) => QueryHelpers.AddQueryString(broker.BaseUrl + "/connect/endsession", new Dictionary<string, string?>
    {
        ["client_id"] = broker.ClientId,
        ["post_logout_redirect_uri"] = postLogoutRedirectUri,
        ["state"] = "bye",
        ["id_token_hint"] = idTokenHint,
    }.Where(p => p.Value is not null));

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

    // Class: logout that leaves the broker session alive (the next prompt=none would sign in again). The client proves it
    // is a party of this session with its ID token (id_token_hint, sid), so nothing is asked.
    [Fact]
    public async Task EndSession_RegisteredPostLogoutUriWithHint_RedirectsWithStateAndEndsSession()
    {
        using var browser = new TestBrowser();
        var hint = await LogInAsync(browser);

        var page = await browser.GetAsync(EndSessionUrl(broker.BaseUrl + "/rp/logged-out", hint));

        Assert.StartsWith(broker.BaseUrl + "/rp/logged-out", page.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains("state=bye", page.Url.Query, StringComparison.Ordinal);
        Assert.False(await SessionAliveAsync(browser));
    }

    // Class: logout CSRF. Any site can send the browser to the end-session endpoint (the Lax cookie goes with top-level
    // GETs), so without an id_token_hint the person is asked and the session lives until they answer; the answer (the
    // page's own form, posted from the broker's origin) ends it and returns to the client with its state.
    [Fact]
    public async Task EndSession_WithoutHint_AskedFirstThenEndedByTheAnswer()
    {
        using var browser = new TestBrowser();
        await LogInAsync(browser);

        var question = await browser.GetAsync(EndSessionUrl(broker.BaseUrl + "/rp/logged-out"));

        Assert.Equal(HttpStatusCode.OK, question.Status);
        Assert.Contains("Vil du logge ud", question.Html, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' " + new Uri(broker.BaseUrl).GetLeftPart(UriPartial.Authority), question.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.True(await SessionAliveAsync(browser));
        var answered = await browser.SubmitAsync(question);
        Assert.StartsWith(broker.BaseUrl + "/rp/logged-out", answered.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains("state=bye", answered.Url.Query, StringComparison.Ordinal);
        Assert.False(await SessionAliveAsync(browser));
    }

    // Class: logout CSRF by a forged answer: the confirm form posted from another origin ends nothing.
    [Fact]
    public async Task EndSession_ConfirmPostedFromAnotherOrigin_SessionKept()
    {
        using var browser = new TestBrowser();
        await LogInAsync(browser);
        var question = await browser.GetAsync(EndSessionUrl(broker.BaseUrl + "/rp/logged-out"));
        var form = question.Form();

        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri(question.Url, form.Action)) { Content = new FormUrlEncodedContent(form.Fields) };
        forged.Headers.TryAddWithoutValidation("Origin", "https://attacker.example");
        forged.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        var page = await browser.SendAsync(forged);

        Assert.Contains("Vil du logge ud", page.Html, StringComparison.Ordinal);
        Assert.True(await SessionAliveAsync(browser));
    }

    // Class: logout CSRF with a stolen or stale ID token: a hint whose sid is not this session's asks as well.
    [Fact]
    public async Task EndSession_HintFromAnotherSession_Asked()
    {
        using var other = new TestBrowser();
        var foreignHint = await LogInAsync(other);
        using var browser = new TestBrowser();
        await LogInAsync(browser);

        var page = await browser.GetAsync(EndSessionUrl(broker.BaseUrl + "/rp/logged-out", foreignHint));

        Assert.Contains("Vil du logge ud", page.Html, StringComparison.Ordinal);
        Assert.True(await SessionAliveAsync(browser));
        Assert.True(await SessionAliveAsync(other));
    }

    // Class: a token of a revoked chain replayed as id_token_hint. ID tokens get no token entry (SkipIdentityTokenEntry),
    // so what refuses this one is the authorization it names, revoked when its code was redeemed twice.
    [Fact]
    public async Task EndSession_HintFromRevokedAuthorization_AskedSessionKept()
    {
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce));
        var (status, body) = await broker.RedeemAsync(query["code"], pkce);
        Assert.Equal(200, status);
        var hint = body.GetProperty("id_token").GetString()!;
        var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(hint.Split('.')[1])).RootElement;
        Assert.False(payload.TryGetProperty("oi_tkn_id", out _), "the ID token names a token entry");
        Assert.True(payload.TryGetProperty("oi_au_id", out _), "the ID token names no authorization");

        var (replayed, _) = await broker.RedeemAsync(query["code"], pkce);
        Assert.Equal(400, replayed);
        var page = await browser.GetAsync(EndSessionUrl(broker.BaseUrl + "/rp/logged-out", hint));

        // Not proof that the request comes from a party of this session: the person is asked, as without a hint.
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Vil du logge ud", page.Html, StringComparison.Ordinal);
        Assert.True(await SessionAliveAsync(browser));
    }

    private async Task<string> LogInAsync(TestBrowser browser)
    {
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce));
        return await broker.RedeemForIdTokenAsync(broker.ClientId, query["code"], pkce);
    }

    private async Task<bool> SessionAliveAsync(TestBrowser browser)
    {
        var page = await browser.GetAsync(broker.AuthorizeUrl(OidcBroker.Pkce.New(), extra: new Dictionary<string, string?> { ["prompt"] = "none" }));
        return page.Url.Query.Contains("code=", StringComparison.Ordinal);
    }
}
