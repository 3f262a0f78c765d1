using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Simulations;
using NemLogin.LoadTests.Tests.Support;
using Xunit;

namespace NemLogin.LoadTests.Tests.Engine;

public sealed class OpenModelDriverTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact(Timeout = 30_000)]
    public async Task Run_InjectThenRamp_StartsExactlyThePlannedIterations()
    {
        var scenario = new FakeScenario("fake", FakeScenario.Step("only", StepOutcome.Ok("ok")));
        var stats = new ScenarioStats("fake");
        var plan = SimulationPlan.Compile([new Inject(40, OneSecond, TimeSpan.FromSeconds(2)), new RampingInject(0, OneSecond, TimeSpan.FromSeconds(2))]);
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(37));

        await OpenModelDriver.RunAsync(plan, new IterationRunner(scenario, stats, Resources.WithoutBroker(), 1000), clock.Read, new LatencyHistogram(), CancellationToken.None, TestContext.Current.CancellationToken);
        await Until.TrueAsync(() => stats.InFlight == 0 && stats.Iterations.Ok + stats.Iterations.Fail == 120);

        Assert.Equal(80 + 40, scenario.Started);
        Assert.Equal(120, stats.Iterations.Ok);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_StoppedEarly_StartsOnlyWhatWasDueBeforeTheStop()
    {
        var scenario = new FakeScenario("fake", FakeScenario.Step("only", StepOutcome.Ok("ok")));
        var stats = new ScenarioStats("fake");
        var plan = SimulationPlan.Compile([new Inject(100, OneSecond, TimeSpan.FromSeconds(60))]);
        using var stop = new CancellationTokenSource();
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(100));
        TimeSpan StopAfterOneSecond()
        {
            var now = clock.Read();
            if (now >= OneSecond)
            {
                stop.Cancel();
            }

            return now;
        }

        await OpenModelDriver.RunAsync(plan, new IterationRunner(scenario, stats, Resources.WithoutBroker(), 1000), StopAfterOneSecond, new LatencyHistogram(), stop.Token, TestContext.Current.CancellationToken);
        await Until.TrueAsync(() => stats.InFlight == 0);

        // Due by the stop: at most 100 of the 6,000 the plan holds.
        Assert.InRange(scenario.Started, 1, 100);
    }

    [Fact(Timeout = 30_000)]
    public async Task Launch_PastTheInFlightCap_CountsRunnerOverloadedInsteadOfStarting()
    {
        var scenario = new FakeScenario("fake", FakeScenario.Step("only", StepOutcome.Ok("ok")));
        var stats = new ScenarioStats("fake");
        var runner = new IterationRunner(scenario, stats, Resources.WithoutBroker(), maxInFlight: 0);

        runner.Launch(TestContext.Current.CancellationToken);
        runner.Launch(TestContext.Current.CancellationToken);
        await Until.TrueAsync(() => stats.Iterations.Fail == 2);

        Assert.Equal(0, scenario.Started);
        Assert.Equal(2, stats.Iterations.Summarize().Statuses["runner.overloaded"]);
        Assert.Equal(0, stats.InFlight);
    }
}
