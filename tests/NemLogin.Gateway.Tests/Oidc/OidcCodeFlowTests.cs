using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>The code flow through the real embedded broker and MitID simulator (docs/security.md, OIDC rows).</summary>
public sealed class OidcCodeFlowTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    // Class: discovery and JWKS consistency (the keys that sign are the keys published, under the issuer announced).
    [Fact]
    public async Task Discovery_Published_IssuerEndpointsAndPoolKeysConsistent()
    {
        var discovery = JsonDocument.Parse(await broker.Http.GetStringAsync(broker.BaseUrl + "/.well-known/openid-configuration", Ct)).RootElement;
        Assert.Equal(broker.BaseUrl + "/", discovery.GetProperty("issuer").GetString());
        Assert.Equal(["code"], discovery.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("password", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("none", discovery.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());

        var jwks = new JsonWebKeySet(await broker.Http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString(), Ct));
        var key = Assert.Single(jwks.Keys);
        Assert.Equal("RSA", key.Kty);
        Assert.Equal("RS256", key.Alg);
        Assert.False(key.HasPrivateKey);
    }

    // Class: the happy path end to end, with PKCE S256, iss in the response (RFC 9207), tokens signed by the pool's key.
    [Fact]
    public async Task CodeFlow_MitIdLogin_SignedIdTokenWithClaims()
    {
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, sawLogin) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce, state: "s-happy", nonce: "n-happy"));

        Assert.True(sawLogin);
        Assert.Equal("s-happy", query["state"]);
        Assert.Equal(broker.BaseUrl + "/", query["iss"]);
        var (status, body) = await broker.RedeemAsync(query["code"], pkce);
        Assert.Equal(200, status);

        var idToken = body.GetProperty("id_token").GetString()!;
        var jwks = new JsonWebKeySet(await broker.Http.GetStringAsync(broker.BaseUrl + "/.well-known/jwks", Ct));
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = broker.BaseUrl + "/",
            ValidAudience = broker.ClientId,
            IssuerSigningKeys = jwks.Keys,
            ValidAlgorithms = ["RS256"],
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var claims = validated.Claims;
        Assert.Equal("n-happy", claims["nonce"]);
        Assert.Equal("https://data.gov.dk/concept/core/nsis/loa/Substantial", claims["acr"]);
        Assert.Equal("Substantial", claims["loa"]);
        Assert.True(Guid.TryParse((string)claims["sub"], out _));
        Assert.True(claims.ContainsKey("auth_time"));
        Assert.False(string.IsNullOrEmpty(claims["sid"] as string));
        Assert.True(claims.ContainsKey("given_name"));
        Assert.False(claims.ContainsKey("cpr"), "cpr was not requested in scope");

        using var userinfo = new HttpRequestMessage(HttpMethod.Get, broker.BaseUrl + "/connect/userinfo");
        userinfo.Headers.Authorization = new("Bearer", body.GetProperty("access_token").GetString());
        using var info = await broker.Http.SendAsync(userinfo, Ct);
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        var infoBody = JsonDocument.Parse(await info.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal((string)claims["sub"], infoBody.GetProperty("sub").GetString());
    }

    // Class: authorization code replay, two token requests racing for one code; the replay revokes what the code gave.
    [Fact]
    public async Task Token_SameCodeTwiceConcurrently_OneSucceedsAndItsTokensRevoked()
    {
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce));

        var results = await Task.WhenAll(broker.RedeemAsync(query["code"], pkce), broker.RedeemAsync(query["code"], pkce));

        var winner = Assert.Single(results, r => r.Status == 200);
        Assert.Single(results, r => r.Status == 400 && r.Body.GetProperty("error").GetString() == "invalid_grant");

        // A third attempt (the replay detected) leaves the refresh token of the winner revoked.
        var (third, _) = await broker.RedeemAsync(query["code"], pkce);
        Assert.Equal(400, third);
        var (refreshed, refreshBody) = await broker.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = winner.Body.GetProperty("refresh_token").GetString()!,
        });
        Assert.Equal(400, refreshed);
        Assert.Equal("invalid_grant", refreshBody.GetProperty("error").GetString());
    }

    // Class: PKCE missing or downgraded to plain, and a wrong verifier (RFC 9700 2.1.1).
    [Fact]
    public async Task Authorize_PkceMissingOrPlain_RefusedWrongVerifierRefusedAtToken()
    {
        using var browser = new TestBrowser();
        // OpenIddict answers these before any redirect: a 400 page at the broker naming invalid_request, and no code anywhere.
        var missing = await browser.GetAsync(broker.AuthorizeUrl(pkce: null));
        AssertRefused(missing);

        var plain = await browser.GetAsync(broker.AuthorizeUrl(pkce: null, extra: new Dictionary<string, string?>
        {
            ["code_challenge"] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr",
            ["code_challenge_method"] = "plain",
        }));
        AssertRefused(plain);

        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce));
        var (status, body) = await broker.RedeemAsync(query["code"], OidcBroker.Pkce.New());
        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    // Class: open redirect via redirect_uri near-misses: an error page, never a redirect.
    [Theory]
    [InlineData("/rp/callback/")]
    [InlineData("/rp/Callback")]
    [InlineData("/rp/callback?x=1")]
    [InlineData("/rp/callbackx")]
    public async Task Authorize_RedirectUriNearMiss_ErrorPageNoRedirect(string path)
    {
        using var browser = new TestBrowser();
        var page = await browser.GetAsync(broker.AuthorizeUrl(OidcBroker.Pkce.New(), redirectUri: broker.BaseUrl + path));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.StartsWith(broker.BaseUrl + "/connect/authorize", page.Url.ToString(), StringComparison.Ordinal);
    }

    // Class: prompt=none must not show UI; without a session the client hears login_required.
    [Fact]
    public async Task Authorize_PromptNoneWithoutSession_LoginRequired()
    {
        using var browser = new TestBrowser();
        var page = await browser.GetAsync(broker.AuthorizeUrl(OidcBroker.Pkce.New(), extra: new Dictionary<string, string?> { ["prompt"] = "none" }));

        Assert.StartsWith(broker.RedirectUri, page.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains("error=login_required", page.Url.Query, StringComparison.Ordinal);
    }

    // Class: SSO from the broker session, and prompt=login forcing a new upstream login (without looping).
    [Fact]
    public async Task Authorize_SessionThenPromptLogin_SsoFirstThenFreshLogin()
    {
        using var browser = new TestBrowser();
        var (first, sawFirst) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(OidcBroker.Pkce.New()));
        Assert.True(sawFirst);

        var (sso, sawSso) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(OidcBroker.Pkce.New(), state: "s-sso"));
        Assert.False(sawSso);
        Assert.True(sso.ContainsKey("code"));

        var (forced, sawForced) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(OidcBroker.Pkce.New(), extra: new Dictionary<string, string?> { ["prompt"] = "login" }));
        Assert.True(sawForced);
        Assert.True(forced.ContainsKey("code"), string.Join("&", forced.Select(p => p.Key + "=" + p.Value)));
        Assert.True(first.ContainsKey("code"));
    }

    // Class: refresh token reuse after rotation (RFC 9700 4.14.2): refused and the rotated successor revoked.
    [Fact]
    public async Task Refresh_ReusedAfterRotation_RefusedAndChainRevoked()
    {
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce));
        var (_, tokens) = await broker.RedeemAsync(query["code"], pkce);
        var first = tokens.GetProperty("refresh_token").GetString()!;

        var (rotatedStatus, rotated) = await broker.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = first });
        Assert.Equal(200, rotatedStatus);
        var second = rotated.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first, second);

        var (reuseStatus, _) = await broker.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = first });
        Assert.Equal(400, reuseStatus);
        var (successorStatus, _) = await broker.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = second });
        Assert.Equal(400, successorStatus);
    }

    // Class: algorithm confusion in id_token_hint (alg none; HS256 keyed with the public key): refused.
    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public async Task Authorize_IdTokenHintForged_Refused(string alg)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { iss = broker.BaseUrl + "/", sub = Guid.NewGuid(), aud = broker.ClientId, exp = 4102444800 }));
        var forged = $"{header}.{payload}." + (alg == "none" ? string.Empty : Base64Url(new byte[32]));

        using var browser = new TestBrowser();
        var page = await browser.GetAsync(broker.AuthorizeUrl(OidcBroker.Pkce.New(), extra: new Dictionary<string, string?> { ["id_token_hint"] = forged, ["prompt"] = "none" }));

        Assert.StartsWith(broker.RedirectUri, page.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains("error=", page.Url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page.Url.Query, StringComparison.Ordinal);
    }

    // Class: bad registrations are refused with a stable code and leave nothing stored.
    [Fact]
    public async Task AdminRegister_HttpRedirectOffLoopback_ProblemNothingStored()
    {
        var clientId = "bad-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await broker.RegisterAsync(new { client_id = clientId, client_secret = OidcBroker.Secret, redirect_uris = new[] { "http://rp.example/cb" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("admin.oidc-client-invalid", problem.GetProperty("code").GetString());
        using var get = new HttpRequestMessage(HttpMethod.Get, broker.BaseUrl + "/api/admin/oidc-clients/" + clientId);
        get.Headers.Authorization = new("Bearer", OidcBroker.ApiKey);
        using var read = await broker.Http.SendAsync(get, Ct);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    private void AssertRefused(TestBrowser.Page page)
    {
        var url = page.Url.ToString();
        Assert.DoesNotContain("code=", page.Url.Query, StringComparison.Ordinal);
        Assert.True(
            (page.Status == HttpStatusCode.BadRequest && page.Html.Contains("invalid_request", StringComparison.Ordinal))
            || (url.StartsWith(broker.RedirectUri, StringComparison.Ordinal) && page.Url.Query.Contains("error=invalid_request", StringComparison.Ordinal)),
            $"{(int)page.Status} {url}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task Token_SecretInTheFormFromAClientRegisteredForBasic_InvalidClientAndCodeStillRedeemable()
    {
        // RFC 7591 2: the client authenticates with the method it registered (client_secret_basic here), not any offered one.
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce, state: "s-method", nonce: "n-method"));

        var (posted, postedBody) = await broker.TokenAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = query["code"],
                ["redirect_uri"] = broker.RedirectUri,
                ["code_verifier"] = pkce.Verifier,
                ["client_id"] = broker.ClientId,
                ["client_secret"] = OidcBroker.Secret,
            },
            basic: false);
        var (basic, _) = await broker.RedeemAsync(query["code"], pkce);

        Assert.NotEqual(200, posted);
        Assert.Equal("invalid_client", postedBody.GetProperty("error").GetString());
        Assert.Equal(200, basic);
    }
}
