using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Configuration;

/// <summary>A scenario chosen for the run, its share of the profile's load, and optionally its own simulations (JSON only).</summary>
public sealed record ScenarioSelection(string Name, double Weight = 1, IReadOnlyList<LoadSimulation>? Simulations = null);
