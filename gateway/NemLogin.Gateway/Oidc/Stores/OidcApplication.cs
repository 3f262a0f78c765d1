using System.Collections.Immutable;
using NemLogin.Grains.Assurance;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>OpenIddict's view of a registered client; mapped to and from <see cref="NemLogin.Grains.Oidc.OidcClient"/>.</summary>
public sealed class OidcApplication
{
    public string ClientId { get; set; } = string.Empty;
    public string? ClientName { get; set; }
    public string? ClientSecretHash { get; set; }
    public string? JsonWebKeySet { get; set; }
    public ImmutableArray<string> RedirectUris { get; set; } = [];
    public ImmutableArray<string> PostLogoutRedirectUris { get; set; } = [];
    public ImmutableArray<string> GrantTypes { get; set; } = ["authorization_code"];
    public ImmutableArray<string> Scopes { get; set; } = ["openid"];
    public string TokenEndpointAuthMethod { get; set; } = "client_secret_basic";
    public LevelOfAssurance MinLoa { get; set; } = LevelOfAssurance.Substantial;
    public bool CprEntitled { get; set; }
    public string? BackChannelLogoutUri { get; set; }
    public string? FrontChannelLogoutUri { get; set; }
    public bool FrontChannelLogoutSessionRequired { get; set; }
    public string? OwnerCvr { get; set; }
    public int Version { get; set; }
}
