using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Scenarios;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Engine;

/// <summary>A scenario's measured outcome: whole iterations, each step, and the time series.</summary>
public sealed record ScenarioResult(
    ILoadScenario Scenario,
    SimulationPlan Plan,
    StepSummary Iterations,
    IReadOnlyList<StepSummary> Steps,
    IReadOnlyList<TimeSeriesPoint> TimeSeries);
