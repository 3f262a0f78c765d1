namespace NemLogin.LoadTests.Configuration;

/// <summary>A scenario in a <c>--config</c> file: its name, weight and optional simulation chain.</summary>
internal sealed record OptionsFileScenario
{
    public string? Name { get; init; }
    public double? Weight { get; init; }
    public List<OptionsFileSimulation>? Simulations { get; init; }
}
