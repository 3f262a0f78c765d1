using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Simulations;
using NemLogin.LoadTests.Tests.Support;
using Xunit;

namespace NemLogin.LoadTests.Tests.Engine;

public sealed class ClosedModelDriverTests
{
    [Fact(Timeout = 30_000)]
    public async Task Run_KeepConstant_LoopsExactlyThatManyCopiesAtOnce()
    {
        var gate = new SemaphoreSlim(0);
        var scenario = new FakeScenario("fake", async context =>
        {
            await gate.WaitAsync(TestContext.Current.CancellationToken);
            await context.StepAsync("only", _ => Task.FromResult(StepOutcome.Ok("ok")));
        });
        var stats = new ScenarioStats("fake");
        var plan = SimulationPlan.Compile([new KeepConstant(3, TimeSpan.FromSeconds(10))]);
        var now = TimeSpan.FromSeconds(1);

        var driver = ClosedModelDriver.RunAsync(plan, new IterationRunner(scenario, stats, Resources.WithoutBroker(), 100), () => now, CancellationToken.None, CancellationToken.None);
        await Until.TrueAsync(() => scenario.Started == 3);
        gate.Release(3);
        await Until.TrueAsync(() => scenario.Started == 6);
        now = TimeSpan.FromSeconds(11);
        await driver;
        gate.Release(3);
        await Until.TrueAsync(() => stats.InFlight == 0);

        Assert.Equal(3, scenario.MaxRunning);
        // Past the plan's end the copies finish the iteration they are in and start no other.
        Assert.Equal(6, scenario.Started);
        Assert.Equal(6, stats.Iterations.Ok);
    }
}
