using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NemLogin.Gateway.Oidc.Stores;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Oidc;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>
/// Client authentication at the token endpoint with secrets stored as HMAC-SHA256 under the server key, and secrets
/// stored before that in OpenIddict's PBKDF2 form (docs/security.md, client impersonation).
/// </summary>
public sealed class OidcClientSecretTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => broker.Factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Register_Secret_StoredAsKeyedHashNeverInClear()
    {
        var clientId = await RegisterAsync();

        var stored = (await Grains.GetGrain<IOidcClientGrain>(clientId).GetAsync())!.ClientSecretHash!;

        Assert.StartsWith("hmac-sha256:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(OidcBroker.Secret, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_RightSecret_TokensIssued()
    {
        var clientId = await RegisterAsync();

        var (status, body) = await LoginAndRedeemAsync(clientId, OidcBroker.Secret);

        Assert.Equal(200, status);
        Assert.True(body.TryGetProperty("id_token", out _));
    }

    // Attack: client impersonation with a guessed secret (one character off, same length).
    [Fact]
    public async Task Token_WrongSecret_InvalidClientAndCodeStillRedeemableByTheClient()
    {
        var clientId = await RegisterAsync();
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, Url(clientId, pkce));
        var wrong = OidcBroker.Secret[..^1] + (OidcBroker.Secret[^1] == 'x' ? 'y' : 'x');

        var (refused, refusedBody) = await RedeemAsync(clientId, wrong, query["code"], pkce);
        var (right, _) = await RedeemAsync(clientId, OidcBroker.Secret, query["code"], pkce);

        Assert.Equal(401, refused);
        Assert.Equal("invalid_client", refusedBody.GetProperty("error").GetString());
        Assert.Equal(200, right);
    }

    // A registration from before the keyed hash (OpenIddict's PBKDF2 form) keeps working and is moved to the keyed form.
    [Fact]
    public async Task Token_SecretStoredInPbkdf2Form_AcceptedOnceThenStoredAsKeyedHash()
    {
        var clientId = await RegisterAsync();
        var client = Grains.GetGrain<IOidcClientGrain>(clientId);
        var keyed = (await client.GetAsync())!.ClientSecretHash!;
        var pbkdf2 = await Pbkdf2Async(OidcBroker.Secret);
        Assert.True(await client.ReplaceSecretHashAsync(keyed, pbkdf2));

        var (wrongStatus, _) = await LoginAndRedeemAsync(clientId, "not-" + OidcBroker.Secret);
        var afterWrong = (await client.GetAsync())!.ClientSecretHash;
        var (firstStatus, _) = await LoginAndRedeemAsync(clientId, OidcBroker.Secret);
        var afterRight = (await client.GetAsync())!.ClientSecretHash!;
        var (secondStatus, _) = await LoginAndRedeemAsync(clientId, OidcBroker.Secret);

        Assert.Equal(401, wrongStatus);
        Assert.Equal(pbkdf2, afterWrong);
        Assert.Equal(200, firstStatus);
        Assert.Equal(keyed, afterRight);
        Assert.Equal(200, secondStatus);
    }

    private Task<string> RegisterAsync() => broker.RegisterClientAsync("sec", "openid profile");

    private string Url(string clientId, OidcBroker.Pkce pkce) =>
        broker.AuthorizeUrl(pkce, clientId: clientId, extra: new Dictionary<string, string?> { ["scope"] = "openid profile" });

    private async Task<(int Status, JsonElement Body)> LoginAndRedeemAsync(string clientId, string secret)
    {
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        var (query, _) = await broker.AuthorizeAsync(browser, Url(clientId, pkce));
        return await RedeemAsync(clientId, secret, query["code"], pkce);
    }

    private async Task<(int Status, JsonElement Body)> RedeemAsync(string clientId, string secret, string code, OidcBroker.Pkce pkce)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, broker.BaseUrl + "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = broker.RedirectUri,
                ["code_verifier"] = pkce.Verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));
        using var response = await broker.Http.SendAsync(request, Ct);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }

    /// <summary>The secret as OpenIddict's own manager stores it (PBKDF2), i.e. as registrations made before the keyed hash.</summary>
    private async Task<string> Pbkdf2Async(string secret)
    {
        await using var scope = broker.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var manager = new Pbkdf2Manager(
            services.GetRequiredService<IOpenIddictApplicationCache<OidcApplication>>(),
            services.GetRequiredService<ILogger<OpenIddictApplicationManager<OidcApplication>>>(),
            services.GetRequiredService<IOptionsMonitor<OpenIddictCoreOptions>>(),
            services.GetRequiredService<IOpenIddictApplicationStore<OidcApplication>>());
        return await manager.ObfuscateAsync(secret);
    }

    private sealed class Pbkdf2Manager(
        IOpenIddictApplicationCache<OidcApplication> cache,
        ILogger<OpenIddictApplicationManager<OidcApplication>> logger,
        IOptionsMonitor<OpenIddictCoreOptions> options,
        IOpenIddictApplicationStore<OidcApplication> store)
        : OpenIddictApplicationManager<OidcApplication>(cache, logger, options, store)
    {
        public ValueTask<string> ObfuscateAsync(string secret) => ObfuscateClientSecretAsync(secret);
    }
}
