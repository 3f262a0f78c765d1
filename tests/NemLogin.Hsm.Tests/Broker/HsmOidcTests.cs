using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Broker;

/// <summary>
/// OpenID Connect tokens signed in the HSM with ES256: the token-signing key is an EC P-256 key pair made in SoftHSM2,
/// JWKS publishes exactly its public half, and an ID token from a full code-flow login verifies with it and nothing else.
/// </summary>
public sealed class HsmOidcTests : IAsyncLifetime
{
    private const string ApiKey = "hsm-oidc-admin-key-0a1b2c3d4e5f60718293a4b5c6";
    private const string Secret = "an-hsm-test-client-secret-of-32-characters";
    private readonly HsmBroker _broker = new(
        prepareKeys: keys =>
        {
            keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
            keys.Generate(KeyPurpose.TokenSigning, KeyRole.Current, HsmKeyAlgorithm.EcP256);
        },
        extraSettings: new Dictionary<string, string?> { ["Oidc:SigningAlgorithm"] = "ES256", ["Admin:ApiKey"] = ApiKey });

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // Rule: ES256 from the signer pool (issue: RS256 and ES256); class: tokens signed outside the HSM or with another key.
    [Fact]
    public async Task CodeFlow_Es256InTheHsm_IdTokenVerifiesWithThePublishedP256KeyOnly()
    {
        using var http = new HttpClient();
        var clientId = await RegisterClientAsync(http);
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(QueryHelpers.AddQueryString(_broker.BaseUrl + "/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["scope"] = "openid",
            ["redirect_uri"] = _broker.BaseUrl + "/rp/callback",
            ["state"] = "s",
            ["nonce"] = "n-es256",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }));
        page = await browser.SubmitAsync(page, new Dictionary<string, string> { ["username"] = "alice" });
        Assert.StartsWith(_broker.BaseUrl + "/rp/callback", page.Url.ToString(), StringComparison.Ordinal);
        var code = QueryHelpers.ParseQuery(page.Url.Query)["code"].ToString();

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, _broker.BaseUrl + "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = _broker.BaseUrl + "/rp/callback",
                ["code_verifier"] = verifier,
            }),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + Secret)));
        using var tokenResponse = await http.SendAsync(tokenRequest, Ct);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        using var tokens = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(Ct));
        var idToken = tokens.RootElement.GetProperty("id_token").GetString()!;

        var jwks = new JsonWebKeySet(await http.GetStringAsync(_broker.BaseUrl + "/.well-known/jwks", Ct));
        var published = Assert.Single(jwks.Keys);
        var header = new JsonWebToken(idToken);
        Assert.Equal("ES256", header.Alg);
        Assert.Equal(published.Kid, header.Kid);
        Assert.Equal("EC", published.Kty);
        Assert.Equal("P-256", published.Crv);

        var poolKey = Assert.Single(await _broker.Grains.GetGrain<ISignerGrain>(0).GetKeysAsync(KeyPurpose.TokenSigning));
        using var tokenCertificate = X509CertificateLoader.LoadCertificate(poolKey.CertificateDer);
        using var tokenPublic = tokenCertificate.GetECDsaPublicKey()!;
        var point = tokenPublic.ExportParameters(false).Q;
        Assert.Equal(Base64UrlEncoder.Encode(point.X!), published.X);
        Assert.Equal(Base64UrlEncoder.Encode(point.Y!), published.Y);

        var valid = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, Parameters(clientId, published));
        Assert.True(valid.IsValid, valid.Exception?.Message);
        Assert.Equal("n-es256", valid.Claims["nonce"]);

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, Parameters(clientId, new ECDsaSecurityKey(other) { KeyId = published.Kid }));
        Assert.False(forged.IsValid);
    }

    private TokenValidationParameters Parameters(string clientId, SecurityKey key) => new()
    {
        ValidIssuer = _broker.BaseUrl + "/",
        ValidAudience = clientId,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
    };

    private async Task<string> RegisterClientAsync(HttpClient http)
    {
        var clientId = "rp-es256-" + Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, _broker.BaseUrl + "/api/admin/oidc-clients")
        {
            Content = JsonContent.Create(new
            {
                client_id = clientId,
                client_secret = Secret,
                redirect_uris = new[] { _broker.BaseUrl + "/rp/callback" },
                grant_types = new[] { "authorization_code" },
                scope = "openid",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return clientId;
    }

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();
}
