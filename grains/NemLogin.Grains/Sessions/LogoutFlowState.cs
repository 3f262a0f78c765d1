using NemLogin.Grains.Hosting;

namespace NemLogin.Grains.Sessions;

[GenerateSerializer, Alias("nl.logout-flow.state")]
public sealed record LogoutFlowState : IExpiringState
{
    [Id(0)] public LogoutPlan? Plan { get; init; }
    [Id(1)] public DateTimeOffset StartedAt { get; init; }
    [Id(2)] public DateTimeOffset ExpiresAt { get; init; }

    DateTimeOffset IExpiringState.KeptUntil => ExpiresAt;
}
