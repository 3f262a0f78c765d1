using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

[GenerateSerializer, Alias("nl.oidc.client-directory.state")]
public sealed record OidcClientDirectoryState
{
    [Id(0)] public ImmutableArray<string> ClientIds { get; init; } = [];
}
