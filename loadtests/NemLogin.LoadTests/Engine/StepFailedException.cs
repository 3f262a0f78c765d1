using NemLogin.LoadTests.Metrics;

namespace NemLogin.LoadTests.Engine;

/// <summary>Ends an iteration at its first failed step; the step's outcome is already recorded.</summary>
public sealed class StepFailedException(string step, StepOutcome outcome)
    : Exception($"Step {step} failed: {outcome.Status} {outcome.Reason}")
{
    public string Step { get; } = step;

    public StepOutcome Outcome { get; } = outcome;
}
