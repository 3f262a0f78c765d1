using NemLogin.Grains.Errors;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Oidc;
using NemLogin.Gateway.Oidc.Stores;
using NemLogin.Grains.Assurance;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// Reads an RFC 7591 client-metadata document (plus <c>min_loa</c>, <c>cpr_entitled</c>) into a client and its plain
/// secret. Every refusal is <see cref="BrokerErrors.Name(BrokerError.AdminOidcClientInvalid)"/> with what was wrong; nothing is stored then.
/// </summary>
internal static class OidcClientRequestReader
{
    private const int MinSecretLength = 32;

    public static (OidcApplication? Client, string? Secret, string? Error) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Fail("The body must be a JSON object of client metadata (RFC 7591).");
        }

        var clientId = String(body, "client_id");
        if (!OidcClientIds.IsWellFormed(clientId))
        {
            return Fail($"client_id is required: 1 to {OidcClientIds.MaxLength} visible ASCII characters.");
        }

        var method = String(body, "token_endpoint_auth_method") ?? "client_secret_basic";
        var secret = String(body, "client_secret");
        string? jwks = null;
        switch (method)
        {
            case "client_secret_basic" or "client_secret_post" when secret is null || secret.Length < MinSecretLength:
                return Fail($"{method} needs a client_secret of at least {MinSecretLength} characters.");
            case "client_secret_basic" or "client_secret_post":
                break;
            case "private_key_jwt" when !body.TryGetProperty("jwks", out var keys) || keys.ValueKind != JsonValueKind.Object:
                return Fail("private_key_jwt needs jwks (the client's public keys).");
            case "private_key_jwt":
                try
                {
                    var set = new JsonWebKeySet(body.GetProperty("jwks").GetRawText());
                    if (set.Keys.Count == 0 || set.Keys.Any(k => k.HasPrivateKey || k.Kty is not ("RSA" or "EC")))
                    {
                        return Fail("jwks must hold public RSA or EC keys only.");
                    }

                    jwks = JwksText.Write(set);
                }
                catch (ArgumentException)
                {
                    return Fail("jwks is not a JSON Web Key Set.");
                }

                secret = null;
                break;
            default:
                return Fail("token_endpoint_auth_method must be client_secret_basic, client_secret_post or private_key_jwt (never 'none').");
        }

        var redirects = Strings(body, "redirect_uris");
        var postLogout = Strings(body, "post_logout_redirect_uris") ?? [];
        var grants = Strings(body, "grant_types") ?? ["authorization_code"];
        var scopes = (String(body, "scope") ?? "openid").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToImmutableArray();
        if (redirects is null || redirects.Value.IsEmpty)
        {
            return Fail("redirect_uris must be a non-empty array of absolute URIs.");
        }

        if (scopes.FirstOrDefault(s => !OidcScopes.All.Contains(s)) is { } unknown)
        {
            return Fail($"scope '{unknown}' is not offered by the broker.");
        }

        if (!Enum.TryParse<LevelOfAssurance>(String(body, "min_loa") ?? "Substantial", ignoreCase: false, out var minLoa) || minLoa == LevelOfAssurance.None
            || !Enum.IsDefined(minLoa))
        {
            return Fail("min_loa must be Low, Substantial or High.");
        }

        var owner = String(body, "owner_cvr");
        if (owner is not null && !Grains.Organisations.BusinessNumbers.IsCvr(owner))
        {
            return Fail("owner_cvr is a CVR number (8 digits passing the modulus 11 check).");
        }

        var cpr = body.TryGetProperty("cpr_entitled", out var c) && c.ValueKind == JsonValueKind.True;
        return (new OidcApplication
        {
            ClientId = clientId!,
            ClientName = String(body, "client_name"),
            TokenEndpointAuthMethod = method,
            JsonWebKeySet = jwks,
            RedirectUris = redirects.Value,
            PostLogoutRedirectUris = postLogout,
            GrantTypes = grants,
            Scopes = scopes.Contains("openid") ? scopes : scopes.Insert(0, "openid"),
            MinLoa = minLoa,
            CprEntitled = cpr,
            OwnerCvr = owner,
            BackChannelLogoutUri = String(body, "backchannel_logout_uri"),
            FrontChannelLogoutUri = String(body, "frontchannel_logout_uri"),
            FrontChannelLogoutSessionRequired = body.TryGetProperty("frontchannel_logout_session_required", out var sessionRequired)
                && sessionRequired.ValueKind == JsonValueKind.True,
        }, secret, null);
    }

    private static (OidcApplication?, string?, string?) Fail(string error) => (null, null, error);

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ImmutableArray<string>? Strings(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(v => v.GetString()!).ToImmutableArray()
            : null;
}
