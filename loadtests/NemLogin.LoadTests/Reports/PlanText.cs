using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Reports;

/// <summary>A plan's load in one sentence; a long staircase is shortened to its first steps and its last.</summary>
internal static class PlanText
{
    private const int Shown = 3;

    public static string Describe(SimulationPlan plan)
    {
        var steps = plan.Phases.Select(p => p.Source.Describe()).ToList();
        return steps.Count <= Shown + 1
            ? string.Join(", then ", steps)
            : $"{string.Join(", then ", steps.Take(Shown))}, … then {steps[^1]} ({steps.Count} steps)";
    }
}
