namespace NemLogin.Grains.Oidc;

/// <summary>What every stored client registration satisfies, whoever wrote it (admin API or start-up registration).</summary>
internal static class OidcClientRules
{
    public const string Invalid = "oidc.client-invalid";

    public static void Check(string key, OidcClient client)
    {
        Require(string.Equals(key, client.ClientId, StringComparison.Ordinal), "The client id must be the grain key.");
        Require(client.ClientId.Length is > 0 and <= 200, "client_id must have 1 to 200 characters.");
        Require(!client.RedirectUris.IsDefaultOrEmpty, "At least one redirect_uri is required.");
        string?[] logoutUris = [client.BackChannelLogoutUri, client.FrontChannelLogoutUri];
        foreach (var uri in client.RedirectUris.Concat(client.PostLogoutRedirectUris.IsDefault ? [] : client.PostLogoutRedirectUris).Concat(logoutUris.OfType<string>()))
        {
            // RFC 9700 2.1: exact match of absolute URIs without fragments; plain http only for loopback (native apps, tests).
            Require(Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && string.IsNullOrEmpty(parsed.Fragment), $"'{uri}' is not an absolute URI without fragment.");
            Require(parsed!.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback), $"'{uri}' must use https (http only on loopback).");
        }

        Require(client.TokenEndpointAuthMethod switch
        {
            "client_secret_basic" or "client_secret_post" => client.ClientSecretHash is { Length: > 0 },
            "private_key_jwt" => client.JsonWebKeySet is { Length: > 0 },
            _ => false,
        }, "token_endpoint_auth_method must be client_secret_basic or client_secret_post (with a secret) or private_key_jwt (with jwks).");
        Require(client.GrantTypes.All(g => g is "authorization_code" or "refresh_token") && client.GrantTypes.Contains("authorization_code"),
            "grant_types must include authorization_code and may add refresh_token only.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new GrainRuleException(Invalid, message);
        }
    }
}
