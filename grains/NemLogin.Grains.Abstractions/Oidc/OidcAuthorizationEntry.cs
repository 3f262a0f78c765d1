using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

/// <summary>
/// An authorization the OpenID Connect server recorded for a client and subject (ad hoc: one per code flow; it ties a
/// code to the refresh and access tokens issued for it, so a replayed code revokes them all).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.oidc.authorization.entry")]
public sealed record OidcAuthorizationEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ApplicationId,
    [property: Id(2)] string? Subject,
    [property: Id(3)] string? Status,
    [property: Id(4)] string? Type,
    [property: Id(5)] ImmutableArray<string> Scopes,
    [property: Id(6)] DateTimeOffset? CreationDate,
    [property: Id(7)] string? Properties)
{
    [Id(8)] public int Version { get; init; }
}
