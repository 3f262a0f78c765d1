using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// The OpenID Connect client the cluster tests log in with: registered through a gateway's admin API in RFC 7591 names,
/// confidential (client_secret_basic), code flow with PKCE S256. Its redirect URI lies on a gateway's own host (plain http
/// is allowed on loopback): the browser ends there on a 404 with the code in its URL, and no relying party need listen.
/// </summary>
internal sealed class ClusterTestRp(string redirectHostBaseUrl)
{
    public const string Secret = "cluster-test-rp-secret-0123456789abcdef";

    // One client for every token request, so connections to both gateways are open before a race starts.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public string ClientId { get; } = "cluster-rp-" + Guid.NewGuid().ToString("N")[..8];

    public string RedirectUri { get; } = redirectHostBaseUrl + "/cluster-rp/callback";

    /// <summary>A code with the PKCE verifier that redeems it, and whether the broker asked the user to log in for it.</summary>
    public sealed record Code(string Value, string Verifier, bool AskedForLogin);

    /// <summary>Registers this client at <paramref name="gatewayBaseUrl"/>'s admin API; throws with the problem if refused.</summary>
    public async Task RegisterAsync(string gatewayBaseUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, gatewayBaseUrl + "/api/admin/oidc-clients")
        {
            Content = JsonContent.Create(new
            {
                client_id = ClientId,
                client_secret = Secret,
                token_endpoint_auth_method = "client_secret_basic",
                redirect_uris = new[] { RedirectUri },
                grant_types = new[] { "authorization_code", "refresh_token" },
                scope = "openid profile nemlogin offline_access",
                min_loa = "Substantial",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClusterUnderTest.AdminApiKey);
        using var response = await Http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Registering {ClientId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>An authorization request at <paramref name="gatewayBaseUrl"/> walked by <paramref name="browser"/> to this client's redirect URI.</summary>
    public async Task<Code> AuthorizeAsync(LoginBrowser browser, string gatewayBaseUrl, string user, CancellationToken cancellationToken)
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var query = HttpUtility.ParseQueryString(string.Empty);
        query["client_id"] = ClientId;
        query["response_type"] = "code";
        query["scope"] = "openid profile nemlogin offline_access";
        query["redirect_uri"] = RedirectUri;
        query["state"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        query["nonce"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        query["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        query["code_challenge_method"] = "S256";

        var (url, html, askedForLogin) = await browser.WalkAsync($"{gatewayBaseUrl}/connect/authorize?{query}", user, cancellationToken);
        var code = url.ToString().StartsWith(RedirectUri + "?", StringComparison.Ordinal) ? HttpUtility.ParseQueryString(url.Query)["code"] : null;
        return code is { Length: > 0 }
            ? new Code(code, verifier, askedForLogin)
            : throw new InvalidOperationException($"No code at {url}: {html[..Math.Min(400, html.Length)]}");
    }

    /// <summary>The token request redeeming <paramref name="code"/> at <paramref name="gatewayBaseUrl"/>, not yet sent.</summary>
    public HttpRequestMessage RedeemRequest(string gatewayBaseUrl, Code code) => TokenRequest(gatewayBaseUrl, new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code.Value,
        ["redirect_uri"] = RedirectUri,
        ["code_verifier"] = code.Verifier,
    });

    public Task<TokenResponse> RedeemAsync(string gatewayBaseUrl, Code code, CancellationToken cancellationToken) =>
        SendAsync(RedeemRequest(gatewayBaseUrl, code), cancellationToken);

    public Task<TokenResponse> RefreshAsync(string gatewayBaseUrl, string refreshToken, CancellationToken cancellationToken) =>
        SendAsync(TokenRequest(gatewayBaseUrl, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }), cancellationToken);

    /// <summary>Sends (and disposes) a token request.</summary>
    public static async Task<TokenResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new TokenResponse((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), request.RequestUri!.GetLeftPart(UriPartial.Authority));
        }
    }

    /// <summary>The status of a userinfo request with <paramref name="accessToken"/> (200 while the token is honoured).</summary>
    public static async Task<int> UserInfoStatusAsync(string gatewayBaseUrl, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, gatewayBaseUrl + "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Opens (or reuses) the token client's connection to a gateway, so a race is not decided by a TCP handshake.</summary>
    public static async Task WarmUpAsync(string gatewayBaseUrl, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(gatewayBaseUrl + "/.well-known/openid-configuration", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private HttpRequestMessage TokenRequest(string gatewayBaseUrl, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, gatewayBaseUrl + "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(Secret))));
        return request;
    }
}

/// <summary>A token endpoint's answer: the HTTP status, the JSON body and the base URL of the gateway that gave it.</summary>
internal sealed record TokenResponse(int Status, JsonElement Body, string Gateway)
{
    public string? Error => Body.TryGetProperty("error", out var error) ? error.GetString() : null;

    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string RefreshToken => Body.GetProperty("refresh_token").GetString()!;

    public override string ToString() => $"{Gateway}: {Status} {Error}";
}
