namespace NemLogin.Grains.Replay;

[GenerateSerializer, Alias("nl.one-time-id.state")]
public sealed record OneTimeIdState
{
    [Id(0)] public DateTimeOffset KeepUntil { get; init; }
}
