using System.Collections.Immutable;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>OpenIddict's view of an authorization; mapped to <see cref="NemLogin.Grains.Oidc.OidcAuthorizationEntry"/>.</summary>
public sealed class OidcAuthorization
{
    public string Id { get; set; } = string.Empty;
    public string? ApplicationId { get; set; }
    public string? Subject { get; set; }
    public string? Status { get; set; }
    public string? Type { get; set; }
    public ImmutableArray<string> Scopes { get; set; } = [];
    public DateTimeOffset? CreationDate { get; set; }
    public string? Properties { get; set; }
    public int Version { get; set; }
}
