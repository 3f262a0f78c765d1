using NemLogin.Grains.Hosting;

namespace NemLogin.Grains.LoginFlows;

[GenerateSerializer, Alias("nl.flow.state")]
public sealed record LoginFlowState : IExpiringState
{
    [Id(0)] public PendingLogin? Pending { get; init; }
    [Id(1)] public DateTimeOffset ExpiresAt { get; init; }

    DateTimeOffset IExpiringState.KeptUntil => ExpiresAt;
}
