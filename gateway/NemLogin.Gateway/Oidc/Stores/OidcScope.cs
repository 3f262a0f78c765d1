using System.Collections.Immutable;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>A scope the broker offers; the set is fixed by the broker (see <see cref="OidcScopes"/>), not registered at run time.</summary>
public sealed class OidcScope
{
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public ImmutableArray<string> Resources { get; set; } = [];
}
