using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Hosting;

namespace NemLogin.Grains.Sessions;

[GenerateSerializer, Alias("nl.session.state")]
public sealed record SessionState : IExpiringState
{
    [Id(0)] public Guid IdentityId { get; init; }
    [Id(1)] public LevelOfAssurance Loa { get; init; }
    [Id(2)] public DateTimeOffset AuthnInstant { get; init; }
    [Id(3)] public string AuthenticatingAuthority { get; init; } = "";
    [Id(4)] public DateTimeOffset ExpiresAt { get; init; }
    [Id(5)] public ImmutableArray<SessionParticipant> Participants { get; init; } = [];

    /// <summary>The last login or assertion in this session; a record without one reads as idle since ever and is dropped.</summary>
    [Id(6)] public DateTimeOffset LastActivityAt { get; init; }

    /// <summary>The absolute end: an idle session ends earlier (the grain drops it when next asked), never later.</summary>
    DateTimeOffset IExpiringState.KeptUntil => ExpiresAt;
}
