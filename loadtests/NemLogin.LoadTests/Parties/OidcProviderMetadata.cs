using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using NemLogin.LoadTests.Http;

namespace NemLogin.LoadTests.Parties;

/// <summary>
/// What a relying party reads once from an OpenID provider before its first login: the discovery document
/// (OIDC Discovery 4, <c>/.well-known/openid-configuration</c> under the issuer) and the signing keys at its
/// <c>jwks_uri</c>. Fetched once per run; the same for the broker and the reference OP.
/// </summary>
public sealed record OidcProviderMetadata(string Issuer, Uri AuthorizationEndpoint, Uri TokenEndpoint, IReadOnlyList<SecurityKey> SigningKeys)
{
    public static async Task<OidcProviderMetadata> DiscoverAsync(BrowserTransport transport, Uri baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var discovery = new Uri(baseUrl.ToString().TrimEnd('/') + "/.well-known/openid-configuration");
        using var document = JsonDocument.Parse(await GetAsync(transport, discovery, cancellationToken));
        var root = document.RootElement;
        var jwks = new JsonWebKeySet(await GetAsync(transport, new Uri(Text(root, "jwks_uri")), cancellationToken));
        return new OidcProviderMetadata(
            Text(root, "issuer"),
            new Uri(Text(root, "authorization_endpoint")),
            new Uri(Text(root, "token_endpoint")),
            [.. jwks.GetSigningKeys()]);
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidOperationException($"The provider's discovery document has no {name}.");

    private static async Task<string> GetAsync(BrowserTransport transport, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(transport.RequestTimeout);
        using var response = await transport.Invoker.SendAsync(request, timeout.Token);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadAsStringAsync(timeout.Token)
            : throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}; is an OpenID provider running there?");
    }
}
