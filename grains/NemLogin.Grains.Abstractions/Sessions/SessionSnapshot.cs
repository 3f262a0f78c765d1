using System.Collections.Immutable;
using NemLogin.Grains.Assurance;

namespace NemLogin.Grains.Sessions;

/// <summary>A copy of a live session. One session model serves SAML and (later) OpenID Connect.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.snapshot")]
public sealed record SessionSnapshot(
    [property: Id(0)] string SessionId,
    [property: Id(1)] Guid IdentityId,
    [property: Id(2)] LevelOfAssurance Loa,
    [property: Id(3)] DateTimeOffset AuthnInstant,
    [property: Id(4)] string AuthenticatingAuthority,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] ImmutableArray<SessionParticipant> Participants)
{
    /// <summary>When the session ends unless another assertion is issued in it first (the idle limit).</summary>
    [Id(7)] public DateTimeOffset IdleExpiresAt { get; init; }
}
