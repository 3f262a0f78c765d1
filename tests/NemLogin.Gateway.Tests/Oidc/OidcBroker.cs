using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>The embedded broker with the admin API on, and one registered confidential client whose redirect URI is on the broker's own host.</summary>
public sealed class OidcBroker : IAsyncLifetime
{
    public const string ApiKey = "test-admin-key-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    public const string Secret = "a-client-secret-of-at-least-32-characters!";

    private readonly string _metadataDirectory = Directory.CreateTempSubdirectory("nemlogin-oidc-sp-").FullName;

    public OidcBroker()
        : this(settings: null, services: null)
    {
    }

    /// <param name="settings">Configuration on top of this fixture's.</param>
    /// <param name="services">Observers of the broker's parts (e.g. <see cref="GrainCallCounter"/>); see <see cref="BrokerFactory"/>.</param>
    internal OidcBroker(IReadOnlyDictionary<string, string?>? settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services)
    {
        // A SAML SP beside the OIDC client, for single sign-on across the two protocols.
        Sp = new TestServiceProvider("https://sp-oidc-x.test/saml", "https://sp-oidc-x.test/saml/acs");
        Sp.WriteMetadataTo(_metadataDirectory);
        var all = new Dictionary<string, string?>
        {
            ["Admin:ApiKey"] = ApiKey,
            ["ServiceProviders:MetadataDirectory"] = _metadataDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = new BrokerFactory(all, services: services);
    }

    public BrokerFactory Factory { get; }

    public TestServiceProvider Sp { get; }

    public string BaseUrl => Factory.BaseUrl;

    public string ClientId { get; } = "rp-" + Guid.NewGuid().ToString("N")[..8];

    public string RedirectUri => BaseUrl + "/rp/callback";

    public HttpClient Http { get; } = new();

    public async ValueTask InitializeAsync()
    {
        using var response = await RegisterAsync(new
        {
            client_id = ClientId,
            client_secret = Secret,
            redirect_uris = new[] { RedirectUri },
            post_logout_redirect_uris = new[] { BaseUrl + "/rp/logged-out" },
            grant_types = new[] { "authorization_code", "refresh_token" },
            scope = "openid profile nemlogin cpr offline_access",
            min_loa = "Substantial",
            cpr_entitled = true,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<HttpResponseMessage> RegisterAsync(object metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/api/admin/oidc-clients") { Content = JsonContent.Create(metadata) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Registers another client (secret <see cref="Secret"/>, this broker's redirect URI) with the scopes given; its client id.</summary>
    public async Task<string> RegisterClientAsync(string prefix, string scope)
    {
        var clientId = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        using var registered = await RegisterAsync(new { client_id = clientId, client_secret = Secret, redirect_uris = new[] { RedirectUri }, scope });
        Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        return clientId;
    }

    public sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce New()
        {
            var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    public string AuthorizeUrl(Pkce? pkce, string state = "st-1", string nonce = "n-1", string? redirectUri = null, IDictionary<string, string?>? extra = null, string? clientId = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId ?? ClientId,
            ["response_type"] = "code",
            ["scope"] = "openid profile nemlogin offline_access",
            ["redirect_uri"] = redirectUri ?? RedirectUri,
            ["state"] = state,
            ["nonce"] = nonce,
        };
        if (pkce is not null)
        {
            query["code_challenge"] = pkce.Challenge;
            query["code_challenge_method"] = "S256";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            query[key] = value;
        }

        return QueryHelpers.AddQueryString(BaseUrl + "/connect/authorize", query);
    }

    /// <summary>Walks the browser from the authorize URL to the client's redirect URI, logging in at the simulator when asked.</summary>
    public async Task<(Dictionary<string, string> Query, bool SawLogin)> AuthorizeAsync(TestBrowser browser, string url, string user = "alice")
    {
        var page = await browser.GetAsync(url);
        var sawLogin = false;
        if (page.Html.Contains("name=\"username\"", StringComparison.Ordinal))
        {
            sawLogin = true;
            page = await browser.SubmitAsync(page, new Dictionary<string, string> { ["username"] = user });
        }

        Assert.True(page.Url.ToString().StartsWith(RedirectUri, StringComparison.Ordinal), $"{(int)page.Status} at {page.Url}: {page.Html[..Math.Min(500, page.Html.Length)]}");
        return (QueryHelpers.ParseQuery(page.Url.Query).ToDictionary(p => p.Key, p => p.Value.ToString()), sawLogin);
    }

    public async Task<(int Status, JsonElement Body)> TokenAsync(IDictionary<string, string> form, bool basic = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/connect/token") { Content = new FormUrlEncodedContent(form) };
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(Secret))));
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(int Status, JsonElement Body)> RedeemAsync(string code, Pkce pkce) => TokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = RedirectUri,
        ["code_verifier"] = pkce.Verifier,
    });

    /// <summary>Redeems a code as another registered client (secret <see cref="Secret"/>, client_secret_basic); its ID token.</summary>
    public async Task<string> RedeemForIdTokenAsync(string clientId, string code, Pkce pkce, string? redirectUri = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri ?? RedirectUri,
                ["code_verifier"] = pkce.Verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + Secret)));
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id_token").GetString()!;
    }

    public static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Convert.FromBase64String(Pad(jwt.Split('.')[1].Replace('-', '+').Replace('_', '/')))).RootElement.Clone();

    private static string Pad(string s) => s + new string('=', (4 - s.Length % 4) % 4);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
        Directory.Delete(_metadataDirectory, recursive: true);
    }
}
