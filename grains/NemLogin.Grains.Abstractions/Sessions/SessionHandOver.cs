using System.Collections.Immutable;

namespace NemLogin.Grains.Sessions;

/// <summary>
/// What an ended session passes to the session that replaces it when the same person authenticated again in the same
/// browser: its participants (so single logout still reaches them) and its absolute expiry (re-authenticating does not
/// extend the session's life).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.hand-over")]
public sealed record SessionHandOver(
    [property: Id(0)] ImmutableArray<SessionParticipant> Participants,
    [property: Id(1)] DateTimeOffset ExpiresAt);
