using NemLogin.Grains.Hosting;

namespace NemLogin.Grains.Sessions;

[GenerateSerializer, Alias("nl.session-index.state")]
public sealed record SessionIndexState : IExpiringState
{
    [Id(0)] public string SessionId { get; init; } = "";
    [Id(1)] public DateTimeOffset KeepUntil { get; init; }

    DateTimeOffset IExpiringState.KeptUntil => KeepUntil;
}
