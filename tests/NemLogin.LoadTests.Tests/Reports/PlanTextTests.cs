using NemLogin.LoadTests.Reports;
using NemLogin.LoadTests.Simulations;
using Xunit;

namespace NemLogin.LoadTests.Tests.Reports;

public sealed class PlanTextTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    [Fact]
    public void Describe_ShortChain_NamesEveryStep()
    {
        var plan = SimulationPlan.Compile([new RampingInject(50, TimeSpan.FromSeconds(1), Ten), new KeepConstant(4, Ten)]);

        Assert.Equal("ramp injection to 50/1s over 10s, then keep 4 copies for 10s", PlanText.Describe(plan));
    }

    [Fact]
    public void Describe_LongStaircase_ShowsTheFirstStepsTheLastAndTheCount()
    {
        var plan = SimulationPlan.Compile(Enumerable.Range(1, 15).Select(i => (LoadSimulation)new Inject(i * 40, TimeSpan.FromSeconds(1), Ten)));

        Assert.Equal("inject 40/1s for 10s, then inject 80/1s for 10s, then inject 120/1s for 10s, … then inject 600/1s for 10s (15 steps)", PlanText.Describe(plan));
    }
}
