namespace NemLogin.LoadTests.Configuration;

/// <summary>A load simulation in a <c>--config</c> file, e.g. <c>{"type": "Inject", "rate": 100, "during": "30s"}</c>.</summary>
internal sealed record OptionsFileSimulation
{
    public string? Type { get; init; }
    public double? Rate { get; init; }
    public double? Copies { get; init; }
    public string? Interval { get; init; }
    public string? During { get; init; }
}
