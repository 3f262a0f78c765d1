using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>Client authentication with private_key_jwt (RFC 7523): the registered public key, and no other, authenticates.</summary>
public sealed class OidcPrivateKeyJwtTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    [Fact]
    public async Task Token_ClientAssertionByRegisteredKey_IssuedAnotherKeyRefused()
    {
        using var key = RSA.Create(2048);
        using var attacker = RSA.Create(2048);
        var clientId = "pkj-" + Guid.NewGuid().ToString("N")[..8];
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.ExportParameters(false)) { KeyId = "k1" });
        using (var registered = await broker.RegisterAsync(new
        {
            client_id = clientId,
            token_endpoint_auth_method = "private_key_jwt",
            jwks = new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, n = jwk.N, e = jwk.E, use = "sig" } } },
            redirect_uris = new[] { broker.RedirectUri },
            grant_types = new[] { "authorization_code", "refresh_token" },
            scope = "openid profile nemlogin offline_access",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // Class: client impersonation with a key the client never registered.
        var (refused, refusedBody) = await RedeemNewCodeAsync(clientId, attacker);
        Assert.Equal(401, refused);
        Assert.Equal("invalid_client", refusedBody.GetProperty("error").GetString());

        var (status, body) = await RedeemNewCodeAsync(clientId, key);
        Assert.True(status == 200, body.ToString());
        Assert.True(body.TryGetProperty("id_token", out _));
    }

    private async Task<(int Status, System.Text.Json.JsonElement Body)> RedeemNewCodeAsync(string clientId, RSA signer)
    {
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, broker.AuthorizeUrl(pkce, clientId: clientId));
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            // draft-ietf-oauth-rfc7523bis: the explicit type and the issuer as sole audience.
            TokenType = "client-authentication+jwt",
            Issuer = clientId,
            Audience = broker.BaseUrl + "/",
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString("N") },
            Expires = DateTime.UtcNow.AddMinutes(2),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signer) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });
        return await broker.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"],
            ["redirect_uri"] = broker.RedirectUri,
            ["code_verifier"] = pkce.Verifier,
            ["client_id"] = clientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }, basic: false);
    }
}
