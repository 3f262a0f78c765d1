using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Engine;

/// <summary>
/// Injects iterations for the open-model phases of a plan: on every tick it starts as many as the plan's integral says
/// should have started by now, so a late tick catches up instead of losing load, and ramps inject exactly their area.
/// </summary>
public static class OpenModelDriver
{
    private static readonly TimeSpan MinTick = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxTick = TimeSpan.FromMilliseconds(50);

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

            lastWake = clock();

            if (now >= plan.Duration)
            {
                return;
            }

            // Sleep until the next iteration is due (at the current rate), so a low rate costs few wake-ups.
            var tick = NextTick(plan, now, due);
            try
            {
                await Task.Delay(tick, stopInjecting);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var woke = clock();
            // How late the injector woke: a runner starved of CPU shows here before it distorts latencies.
            var late = woke - lastWake - tick;
            schedulerDelay.Record(late > TimeSpan.Zero ? late : TimeSpan.Zero);
            lastWake = woke;
        }
    }

    private static TimeSpan NextTick(SimulationPlan plan, TimeSpan now, long started)
    {
        var rate = plan.RateAt(now);
        if (rate <= 0)
        {
            return MaxTick;
        }

        var untilNext = TimeSpan.FromSeconds(Math.Max(0, started + 1 - plan.InjectionsBy(now)) / rate);
        return untilNext < MinTick ? MinTick : untilNext > MaxTick ? MaxTick : untilNext;
    }
}
