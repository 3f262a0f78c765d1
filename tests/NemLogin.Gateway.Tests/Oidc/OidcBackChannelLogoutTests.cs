using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>OIDC Back-Channel Logout 1.0: when the broker session ends, the client hears it with a signed logout token.</summary>
public sealed class OidcBackChannelLogoutTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    // Class: logout that leaves a relying party's own session alive; a forged or unbound logout token.
    [Theory]
    [InlineData("end-session")]
    [InlineData("broker-logout-page")]
    public async Task SessionEnded_ClientWithBackChannelUri_ReceivesVerifiableLogoutToken(string how)
    {
        await using var listener = await RelyingPartyListener.StartAsync();
        var clientId = "bcl-" + Guid.NewGuid().ToString("N")[..8];
        using (var registered = await broker.RegisterAsync(new
        {
            client_id = clientId,
            client_secret = OidcBroker.Secret,
            redirect_uris = new[] { broker.RedirectUri },
            post_logout_redirect_uris = new[] { broker.BaseUrl + "/rp/logged-out" },
            backchannel_logout_uri = listener.Url + "/backchannel",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce, clientId: clientId, extra: new Dictionary<string, string?> { ["scope"] = "openid" }));
        var idToken = new JsonWebToken(await broker.RedeemForIdTokenAsync(clientId, query["code"], pkce));

        if (how == "end-session")
        {
            await browser.GetAsync($"{broker.BaseUrl}/connect/endsession?client_id={clientId}&post_logout_redirect_uri={Uri.EscapeDataString(broker.BaseUrl + "/rp/logged-out")}&id_token_hint={idToken.EncodedToken}");
        }
        else
        {
            var page = await browser.GetAsync(broker.BaseUrl + "/logout");
            await browser.SubmitAsync(page);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var logoutToken = await listener.LogoutTokens.Reader.ReadAsync(timeout.Token);
        var jwks = new JsonWebKeySet(await broker.Http.GetStringAsync(broker.BaseUrl + "/.well-known/jwks", TestContext.Current.CancellationToken));
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(logoutToken, new TokenValidationParameters
        {
            ValidIssuer = broker.BaseUrl + "/",
            ValidAudience = clientId,
            IssuerSigningKeys = jwks.Keys,
            ValidAlgorithms = ["RS256"],
            ValidTypes = ["logout+jwt"],
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var token = (JsonWebToken)validated.SecurityToken;
        Assert.Equal(idToken.Subject, token.Subject);
        Assert.Equal(idToken.GetClaim("sid").Value, token.GetClaim("sid").Value);
        Assert.Contains("http://schemas.openid.net/event/backchannel-logout", token.GetClaim("events").Value, StringComparison.Ordinal);
        Assert.False(token.TryGetClaim("nonce", out _));
    }
}
