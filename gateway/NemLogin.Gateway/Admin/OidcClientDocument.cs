using System.Text.Json.Serialization;
using NemLogin.Grains.Oidc;

namespace NemLogin.Gateway.Admin;

/// <summary>A registered OpenID Connect client as the admin API shows it (RFC 7591 names); never its secret.</summary>
internal sealed record OidcClientDocument(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_name")] string? ClientName,
    [property: JsonPropertyName("token_endpoint_auth_method")] string TokenEndpointAuthMethod,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string> RedirectUris,
    [property: JsonPropertyName("post_logout_redirect_uris")] IReadOnlyList<string> PostLogoutRedirectUris,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("min_loa")] string MinLoa,
    [property: JsonPropertyName("cpr_entitled")] bool CprEntitled,
    [property: JsonPropertyName("backchannel_logout_uri")] string? BackChannelLogoutUri,
    [property: JsonPropertyName("frontchannel_logout_uri")] string? FrontChannelLogoutUri,
    [property: JsonPropertyName("frontchannel_logout_session_required")] bool FrontChannelLogoutSessionRequired,
    [property: JsonPropertyName("owner_cvr")] string? OwnerCvr)
{
    public static OidcClientDocument From(OidcClient client) => new(
        client.ClientId, client.ClientName, client.TokenEndpointAuthMethod, client.RedirectUris, client.PostLogoutRedirectUris, client.GrantTypes,
        string.Join(' ', client.Scopes), client.MinLoa.ToString(), client.CprEntitled, client.BackChannelLogoutUri,
        client.FrontChannelLogoutUri, client.FrontChannelLogoutSessionRequired, client.OwnerCvr);
}
