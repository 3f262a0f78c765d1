using NemLogin.LoadTests.Scenarios;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Engine;

/// <summary>A scenario with its load plan and, optionally, a warm-up plan whose results are thrown away.</summary>
public sealed record ScenarioRun(ILoadScenario Scenario, SimulationPlan Plan, SimulationPlan? WarmUp = null);
