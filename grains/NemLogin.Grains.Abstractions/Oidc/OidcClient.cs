using System.Collections.Immutable;
using NemLogin.Grains.Assurance;

namespace NemLogin.Grains.Oidc;

/// <summary>
/// A registered OpenID Connect client (relying party). Names follow RFC 7591 client metadata; <see cref="ClientSecretHash"/>
/// is the secret as the OpenID Connect server obfuscated it (never the secret itself), <see cref="JsonWebKeySet"/> the
/// client's public keys for <c>private_key_jwt</c>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.oidc.client.registration")]
public sealed record OidcClient(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string TokenEndpointAuthMethod,
    [property: Id(2)] string? ClientSecretHash,
    [property: Id(3)] string? JsonWebKeySet,
    [property: Id(4)] ImmutableArray<string> RedirectUris,
    [property: Id(5)] ImmutableArray<string> PostLogoutRedirectUris,
    [property: Id(6)] ImmutableArray<string> GrantTypes,
    [property: Id(7)] ImmutableArray<string> Scopes,
    [property: Id(8)] LevelOfAssurance MinLoa,
    [property: Id(9)] bool CprEntitled)
{
    /// <summary>The display name operators see; defaults to the client id.</summary>
    [Id(10)] public string? ClientName { get; init; }

    /// <summary>Bumped by every write; a write that names an older version is refused (optimistic concurrency).</summary>
    [Id(11)] public int Version { get; init; }

    /// <summary>OIDC Back-Channel Logout 1.0 <c>backchannel_logout_uri</c>: where the broker posts a logout token when the session ends.</summary>
    [Id(12)] public string? BackChannelLogoutUri { get; init; }

    /// <summary>
    /// OIDC Front-Channel Logout 1.0 <c>frontchannel_logout_uri</c>: the page the broker's logout page loads in a frame
    /// when the session ends in this browser.
    /// </summary>
    [Id(13)] public string? FrontChannelLogoutUri { get; init; }

    /// <summary><c>frontchannel_logout_session_required</c>: the frame's URL carries <c>iss</c> and the client's <c>sid</c>.</summary>
    [Id(14)] public bool FrontChannelLogoutSessionRequired { get; init; }

    /// <summary>
    /// The CVR number of the organisation that provides the client (the IT-system provider), set by support staff
    /// (<c>owner_cvr</c>); its administrators see the client's privileges catalogue in the self-service pages.
    /// </summary>
    [Id(15)] public string? OwnerCvr { get; init; }
}
