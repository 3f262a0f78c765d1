namespace NemLogin.Grains.Sessions;

/// <summary>A service provider that received an assertion in this session (needed for single logout).</summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.participant")]
public sealed record SessionParticipant(
    [property: Id(0)] string ServiceProviderId,
    [property: Id(1)] string NameId,
    [property: Id(2)] string NameIdFormat,
    [property: Id(3)] string SessionIndex,
    [property: Id(4)] DateTimeOffset JoinedAt);
