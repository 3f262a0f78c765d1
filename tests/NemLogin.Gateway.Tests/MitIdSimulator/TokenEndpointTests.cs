using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Demo.MitIdSimulator;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>POST /mitid-sim/token: code redemption and its bindings (RFC 6749 4.1.3, RFC 7636 4.6), and the ID token.</summary>
public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Token_ValidCode_ReturnsSignedIdTokenWithMitIdClaims()
    {
        await using var host = await MitIdTestHost.StartAsync();
        var code = await OidcRequests.CodeForAsync(host, "alice");

        var (status, body, response) = await OidcRequests.RedeemAsync(host, code);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(300, body.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        var token = await ValidateWithJwksAsync(host, body.GetProperty("id_token").GetString()!);
        Assert.Equal("RS256", token.Alg);
        Assert.Equal(TestUsers.Alice.MitIdUuid.ToString(), token.Subject);
        Assert.Equal(MitIdSimulatorOptions.BrokerClientId, Assert.Single(token.Audiences));
        Assert.Equal(OidcRequests.Nonce, token.GetClaim("nonce").Value);
        Assert.Equal("https://data.gov.dk/concept/core/nsis/loa/Substantial", token.GetClaim("acr").Value);
        Assert.Equal("1985-03-12", token.GetClaim("birthdate").Value);
        Assert.Equal(TestUsers.Alice.CprNumber, token.GetClaim("dk:cpr").Value);
        Assert.Equal("Andersen", token.GetClaim("family_name").Value);
        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Token_ClientSecretPost_IsAccepted()
    {
        await using var host = await MitIdTestHost.StartAsync();
        var code = await OidcRequests.CodeForAsync(host);

        var (status, _, _) = await OidcRequests.RedeemAsync(host, code, secretInBody: true);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    // RFC 6749 4.1.2 / 10.5: a code is single-use; the second redemption (replay) gets invalid_grant.
    [Fact]
    public async Task Token_CodeRedeemedTwice_SecondIsInvalidGrant()
    {
        await using var host = await MitIdTestHost.StartAsync();
        var code = await OidcRequests.CodeForAsync(host);

        var first = await OidcRequests.RedeemAsync(host, code);
        var second = await OidcRequests.RedeemAsync(host, code);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("invalid_grant", second.Body.GetProperty("error").GetString());
    }

    // Codes are single-use also under concurrent redemption: of parallel attempts exactly one gets a token.
    [Fact]
    public async Task Token_SameCodeRedeemedConcurrently_ExactlyOneSucceeds()
    {
        await using var host = await MitIdTestHost.StartAsync();
        var code = await OidcRequests.CodeForAsync(host);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => OidcRequests.RedeemAsync(host, code)));

        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal("invalid_grant", r.Body.GetProperty("error").GetString()));
    }

    // RFC 7636 4.6 (PKCE): a stolen code is useless without the verifier; a failed attempt also burns the code.
    [Fact]
    public async Task Token_WrongCodeVerifier_IsInvalidGrantAndBurnsTheCode()
    {
        await using var host = await MitIdTestHost.StartAsync();
        var code = await OidcRequests.CodeForAsync(host);

        var wrong = await OidcRequests.RedeemAsync(host, code, verifier: "another-verifier-0123456789-abcdefghijklmnopqrstuvwxyz");
        var right = await OidcRequests.RedeemAsync(host, code);

        Assert.Equal("invalid_grant", wrong.Body.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", right.Body.GetProperty("error").GetString());
    }

    // RFC 6749 4.1.3: the redirect_uri must be the one the code was issued for.
    [Fact]
    public async Task Token_OtherRedirectUri_IsInvalidGrant()
    {
        await using var host = await MitIdTestHost.StartAsync();
        var code = await OidcRequests.CodeForAsync(host);

        var (status, body, _) = await OidcRequests.RedeemAsync(host, code, redirectUri: host.BaseUrl + "/elsewhere");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    // RFC 6749 5.2: failed client authentication is 401 invalid_client with a Basic challenge.
    [Fact]
    public async Task Token_WrongClientSecret_IsInvalidClient()
    {
        await using var host = await MitIdTestHost.StartAsync();
        var code = await OidcRequests.CodeForAsync(host);

        var (status, body, response) = await OidcRequests.RedeemAsync(host, code, secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Token_CodeOlderThanSixtySeconds_IsInvalidGrant()
    {
        var clock = new ManualTimeProvider();
        await using var host = await MitIdTestHost.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        var code = await OidcRequests.CodeForAsync(host);

        clock.Advance(TimeSpan.FromSeconds(61));
        var (status, body, _) = await OidcRequests.RedeemAsync(host, code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_ConfiguredClientSecret_ReplacesTheDevelopmentDefault()
    {
        await using var host = await MitIdTestHost.StartAsync(settings: new Dictionary<string, string?> { ["MitIdSimulator:ClientSecret"] = "configured-secret" });
        var code = await OidcRequests.CodeForAsync(host);

        var withDefault = await OidcRequests.RedeemAsync(host, code);

        Assert.Equal("invalid_client", withDefault.Body.GetProperty("error").GetString());
    }

    // RFC 6749 2.3: a client uses one authentication method per request; Basic plus a body secret is refused.
    [Fact]
    public async Task Token_BasicAndBodySecretTogether_IsInvalidRequest()
    {
        await using var host = await MitIdTestHost.StartAsync();
        var code = await OidcRequests.CodeForAsync(host);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = host.CallbackUrl,
                ["code_verifier"] = OidcRequests.Verifier,
                ["client_secret"] = MitIdSimulatorOptions.DevelopmentClientSecret,
            }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{MitIdSimulatorOptions.BrokerClientId}:{MitIdSimulatorOptions.DevelopmentClientSecret}")));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    private static async Task<JsonWebToken> ValidateWithJwksAsync(MitIdTestHost host, string idToken)
    {
        using var client = new HttpClient();
        var jwks = new JsonWebKeySet(await client.GetStringAsync(host.Issuer + "/jwks", TestContext.Current.CancellationToken));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = host.Issuer,
            ValidAudience = MitIdSimulatorOptions.BrokerClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
