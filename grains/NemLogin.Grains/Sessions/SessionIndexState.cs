namespace NemLogin.Grains.Sessions;

[GenerateSerializer, Alias("nl.session-index.state")]
public sealed record SessionIndexState
{
    [Id(0)] public string SessionId { get; init; } = "";
    [Id(1)] public DateTimeOffset KeepUntil { get; init; }
}
