using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

[GenerateSerializer, Alias("nl.oidc.authorization.state")]
public sealed record OidcAuthorizationState
{
    [Id(0)] public OidcAuthorizationEntry? Entry { get; init; }

    /// <summary>The tokens issued under this authorization (<see cref="IOidcAuthorizationGrain.AttachTokenAsync"/>), revoked with it.</summary>
    [Id(1)] public ImmutableArray<string> TokenIds { get; init; } = [];
}
