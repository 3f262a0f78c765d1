namespace NemLogin.Grains.Oidc;

/// <summary>
/// The server's record of one issued token (authorization code, refresh token, access or ID token): what it is, whose,
/// for which client, and its status (<c>valid</c>, <c>redeemed</c>, <c>revoked</c>, <c>rejected</c>, <c>inactive</c>).
/// <see cref="Properties"/> is a JSON object the OpenID Connect server keeps beside the token.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.oidc.token.entry")]
public sealed record OidcTokenEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ApplicationId,
    [property: Id(2)] string? AuthorizationId,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string? Type,
    [property: Id(5)] string? Status,
    [property: Id(6)] string? Payload,
    [property: Id(7)] string? ReferenceId,
    [property: Id(8)] DateTimeOffset? CreationDate,
    [property: Id(9)] DateTimeOffset? ExpirationDate,
    [property: Id(10)] DateTimeOffset? RedemptionDate,
    [property: Id(11)] string? Properties)
{
    /// <summary>Bumped by every write; <see cref="IOidcTokenGrain.ReplaceAsync"/> compares it (compare-and-set).</summary>
    [Id(12)] public int Version { get; init; }
}
