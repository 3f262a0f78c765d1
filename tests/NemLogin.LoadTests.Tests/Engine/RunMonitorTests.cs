using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Simulations;
using NemLogin.LoadTests.Tests.Support;
using Xunit;

namespace NemLogin.LoadTests.Tests.Engine;

public sealed class RunMonitorTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public void Observe_FailCountReachesTheThreshold_NamesTheStopOnce()
    {
        var (monitor, stats) = Monitor([new Inject(10, OneSecond, TimeSpan.FromSeconds(60))], new RunSettings { MaxFailCount = 3 });
        Complete(stats, ok: false, ms: 5, count: 2);
        Assert.Null(monitor.Observe(TimeSpan.FromSeconds(1)));

        Complete(stats, ok: false, ms: 5, count: 1);

        Assert.Contains("fail-count threshold", monitor.Observe(TimeSpan.FromSeconds(2)), StringComparison.Ordinal);
        Assert.Null(monitor.Observe(TimeSpan.FromSeconds(3)));
        Assert.NotNull(monitor.StopReason);
    }

    [Fact]
    public void Observe_StressStepWithHighP99_DoesNotHoldAndStopsTheRun()
    {
        var steps = new LoadSimulation[] { new Inject(10, OneSecond, TimeSpan.FromSeconds(10)), new Inject(20, OneSecond, TimeSpan.FromSeconds(10)), new Inject(30, OneSecond, TimeSpan.FromSeconds(10)) };
        var (monitor, stats) = Monitor(steps, new RunSettings { Stress = new StressCriteria(MaxP99Ms: 200, MaxFailPercent: 1) });

        Complete(stats, ok: true, ms: 20, count: 100);
        Assert.Null(monitor.Observe(TimeSpan.FromSeconds(10)));
        Complete(stats, ok: true, ms: 20, count: 150);
        Complete(stats, ok: true, ms: 900, count: 50);
        var stop = monitor.Observe(TimeSpan.FromSeconds(20));

        Assert.NotNull(stop);
        Assert.Contains("p99", stop, StringComparison.Ordinal);
        Assert.Equal([true, false], monitor.StressSteps.Select(s => s.Held));
        Assert.Equal(10, monitor.StressSteps[0].TargetRate, 6);
        Assert.Equal(10, monitor.StressSteps[0].AchievedRps, 6);
        Assert.Equal(20, monitor.StressSteps[1].TargetRate, 6);
    }

    [Fact]
    public void Observe_StressStepWithTooManyErrors_DoesNotHold()
    {
        var (monitor, stats) = Monitor([new Inject(10, OneSecond, TimeSpan.FromSeconds(10))], new RunSettings { Stress = new StressCriteria() });
        Complete(stats, ok: true, ms: 10, count: 97);
        Complete(stats, ok: false, ms: 10, count: 3);

        Assert.Contains("errors", monitor.Observe(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        Assert.Equal(3, monitor.StressSteps[0].FailPercent, 6);
    }

    [Fact]
    public void Observe_StressStepThatCompletesTooLittle_DoesNotHold()
    {
        var (monitor, stats) = Monitor([new Inject(10, OneSecond, TimeSpan.FromSeconds(10))], new RunSettings { Stress = new StressCriteria() });
        Complete(stats, ok: true, ms: 10, count: 50);

        Assert.Contains("completed 5/s of 10/s", monitor.Observe(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_EachSecond_AddsOnePointWithThatSecondsIterations()
    {
        var (monitor, stats) = Monitor([new Inject(10, OneSecond, TimeSpan.FromSeconds(10))], new RunSettings());
        Complete(stats, ok: true, ms: 10, count: 4);
        monitor.Observe(TimeSpan.FromSeconds(1.2));
        Complete(stats, ok: true, ms: 30, count: 6);
        Complete(stats, ok: false, ms: 30, count: 1);
        monitor.Observe(TimeSpan.FromSeconds(2.1));

        var series = monitor.TimeSeries(0);
        Assert.Equal(2, series.Count);
        Assert.Equal((0, 4L, 0L), (series[0].AtSeconds, series[0].Ok, series[0].Fail));
        Assert.Equal((1, 6L, 1L), (series[1].AtSeconds, series[1].Ok, series[1].Fail));
        Assert.Equal(30, series[1].P99Ms, 1);
        Assert.Equal(10, series[1].TargetRate, 6);
    }

    private static (RunMonitor Monitor, ScenarioStats Stats) Monitor(IReadOnlyList<LoadSimulation> simulations, RunSettings settings)
    {
        var stats = new ScenarioStats("fake");
        var run = new ScenarioRun(new FakeScenario("fake"), SimulationPlan.Compile(simulations));
        return (new RunMonitor([run], [stats], settings, OneSecond), stats);
    }

    private static void Complete(ScenarioStats stats, bool ok, double ms, int count)
    {
        for (var i = 0; i < count; i++)
        {
            stats.IterationStarted();
            stats.IterationCompleted(ok ? StepOutcome.Ok("ok") : StepOutcome.Fail("x"), TimeSpan.FromMilliseconds(ms));
        }
    }
}
