using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Engine;

/// <summary>
/// Injects iterations for the open-model phases of a plan: on every tick it starts as many as the plan's integral says
/// should have started by now, so a late tick catches up instead of losing load, and ramps inject exactly their area.
/// </summary>
public static class OpenModelDriver
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);

    public static async Task RunAsync(
        SimulationPlan plan,
        IterationRunner runner,
        Func<TimeSpan> clock,
        LatencyHistogram schedulerDelay,
        CancellationToken stopInjecting,
        CancellationToken abortIterations)
    {
        long started = 0;
        var lastWake = clock();
        while (!stopInjecting.IsCancellationRequested)
        {
            var now = clock();
            if (now >= plan.Duration)
            {
                now = plan.Duration;
            }

            // The small epsilon keeps 0.9999999 from losing an iteration to floating point.
            var due = (long)Math.Floor(plan.InjectionsBy(now) + 1e-9);
            for (; started < due; started++)
            {
                runner.Launch(abortIterations);
            }

            if (now >= plan.Duration)
            {
                return;
            }

            try
            {
                await Task.Delay(Tick, stopInjecting);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var woke = clock();
            // How late the injector woke: a runner starved of CPU shows here before it distorts latencies.
            schedulerDelay.Record(woke - lastWake - Tick > TimeSpan.Zero ? woke - lastWake - Tick : TimeSpan.Zero);
            lastWake = woke;
        }
    }
}
