using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

[GenerateSerializer, Alias("nl.oidc.token-index.state")]
public sealed record OidcTokenIndexState
{
    [Id(0)] public ImmutableArray<string> TokenIds { get; init; } = [];
}
