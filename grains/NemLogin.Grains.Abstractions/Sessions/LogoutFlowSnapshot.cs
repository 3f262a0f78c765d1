using System.Collections.Immutable;

namespace NemLogin.Grains.Sessions;

/// <summary>A copy of a single logout in progress.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.logout.snapshot")]
public sealed record LogoutFlowSnapshot(
    [property: Id(0)] string FlowId,
    [property: Id(1)] LogoutPlan Plan,
    [property: Id(2)] DateTimeOffset StartedAt)
{
    public ImmutableArray<LogoutTarget> Targets => Plan.Targets;

    public int PendingCount => Plan.Targets.Count(t => t.Status == LogoutTargetStatus.Pending);

    /// <summary>True when every participant confirmed; otherwise the initiator hears PartialLogout (SAML Core 3.7.3.2).</summary>
    public bool AllLoggedOut => Plan.Targets.All(t => t.Status == LogoutTargetStatus.LoggedOut);
}
