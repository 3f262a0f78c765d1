using NemLogin.Grains.Hosting;

namespace NemLogin.Grains.Replay;

[GenerateSerializer, Alias("nl.one-time-id.state")]
public sealed record OneTimeIdState : IExpiringState
{
    [Id(0)] public DateTimeOffset KeepUntil { get; init; }

    DateTimeOffset IExpiringState.KeptUntil => KeepUntil;
}
