using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>One broker session for both protocols (single sign-on either way), and max_age demanding a fresh login.</summary>
public sealed class OidcSessionTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    // Class: cross-protocol SSO: a SAML login's session serves an OIDC client without a second login.
    [Fact]
    public async Task CrossProtocol_SamlLoginThenOidcAuthorize_NoSecondLogin()
    {
        using var browser = new TestBrowser();
        var sso = broker.BaseUrl + "/saml/sso";
        var request = broker.Sp.NewRequest(sso);
        var saml = await SamlLoginWalk.RunAsync(browser, await broker.Sp.RedirectUrlAsync(sso, request));
        Assert.True(saml.SawLoginPage);

        var pkce = OidcBroker.Pkce.New();
        var (query, sawLogin) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce));

        Assert.False(sawLogin);
        var (status, _) = await broker.RedeemAsync(query["code"], pkce);
        Assert.Equal(200, status);
    }

    // Class: cross-protocol SSO the other way: an OIDC login's session answers a SAML SP without a second login.
    [Fact]
    public async Task CrossProtocol_OidcLoginThenSamlRequest_NoSecondLogin()
    {
        using var browser = new TestBrowser();
        var (_, sawLogin) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(OidcBroker.Pkce.New()));
        Assert.True(sawLogin);

        var sso = broker.BaseUrl + "/saml/sso";
        var request = broker.Sp.NewRequest(sso);
        var saml = await SamlLoginWalk.RunAsync(browser, await broker.Sp.RedirectUrlAsync(sso, request));

        Assert.False(saml.SawLoginPage);
        var idp = MetadataReader.ReadIdentityProvider(await broker.Http.GetStringAsync(broker.BaseUrl + "/saml/metadata", Ct), SamlLimits.Default);
        Assert.False(string.IsNullOrEmpty(broker.Sp.Validate(saml.ResponseXml, request.Id, idp).Value.NameId));
    }

    // Class: max_age (OIDC Core 3.1.2.1): an older authentication is not reused; the fresh one is, without a loop.
    [Fact]
    public async Task Authorize_MaxAgeExceeded_FreshLoginAndRecentAuthTime()
    {
        using var browser = new TestBrowser();
        await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(OidcBroker.Pkce.New()));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();

        var pkce = OidcBroker.Pkce.New();
        var (query, sawLogin) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce, extra: new Dictionary<string, string?> { ["max_age"] = "1" }));

        Assert.True(sawLogin);
        var (_, tokens) = await broker.RedeemAsync(query["code"], pkce);
        var authTime = OidcBroker.Payload(tokens.GetProperty("id_token").GetString()!).GetProperty("auth_time").GetInt64();
        Assert.True(authTime >= before - 10, $"auth_time {authTime} is older than the request ({before})");
    }

    // OIDC Core 3.1.2.1 login_hint: it reaches the upstream (the simulator's form starts with it) and names nobody by itself.
    [Fact]
    public async Task Authorize_LoginHint_UpstreamFormStartsWithItAndLoginStillNeeded()
    {
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(broker.AuthorizeUrl(OidcBroker.Pkce.New(), extra: new Dictionary<string, string?> { ["login_hint"] = "bent" }));

        Assert.Contains("name=\"username\" value=\"bent\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("/mitid-sim/", page.Url.AbsolutePath, StringComparison.Ordinal);
    }
}
