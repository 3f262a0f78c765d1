using System.Diagnostics;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Scenarios;

namespace NemLogin.LoadTests.Engine;

/// <summary>Runs one iteration of a scenario and records it: OK when every step was, failed at the first failed step.</summary>
public sealed class IterationRunner(ILoadScenario scenario, ScenarioStats stats, RunResources resources, int maxInFlight)
{
    public ILoadScenario Scenario { get; } = scenario;

    public ScenarioStats Stats { get; } = stats;

    /// <summary>
    /// Starts an iteration on the thread pool (the first steps sign in CPU, which must not stall the injector). Past
    /// the in-flight cap the iteration is not started and counts as failed with <c>runner.overloaded</c>: a run that
    /// outgrows the runner must say so, not quietly inject less.
    /// </summary>
    public void Launch(CancellationToken cancellationToken)
    {
        if (Stats.InFlight >= maxInFlight)
        {
            Stats.IterationStarted();
            Stats.IterationCompleted(StepOutcome.Fail("runner.overloaded", reason: $"more than {maxInFlight} iterations in flight"), TimeSpan.Zero);
            return;
        }

        _ = Task.Run(() => RunAsync(cancellationToken), CancellationToken.None);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Stats.IterationStarted();
        var started = Stopwatch.GetTimestamp();
        var context = new ScenarioContext(Stats, resources, cancellationToken);
        StepOutcome outcome;
        try
        {
            await Scenario.RunAsync(context);
            outcome = StepOutcome.Ok("ok", context.Bytes);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut off by the end of the run: neither a success nor the broker's failure.
            Stats.IterationAbandoned();
            return;
        }
        catch (StepFailedException failed)
        {
            outcome = StepOutcome.Fail($"{failed.Step}: {failed.Outcome.Status}", context.Bytes, failed.Outcome.Reason);
        }
        catch (Exception ex)
        {
            outcome = StepOutcome.Fail("exception." + ex.GetType().Name, context.Bytes, ex.Message);
        }

        Stats.IterationCompleted(outcome, Stopwatch.GetElapsedTime(started));
    }
}
