using NemLogin.LoadTests.Simulations;
using Xunit;

namespace NemLogin.LoadTests.Tests.Simulations;

public sealed class SimulationPlanTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public void Inject_RateForDuration_InjectsRateTimesSeconds()
    {
        var plan = SimulationPlan.Compile([new Inject(50, OneSecond, TimeSpan.FromSeconds(10))]);

        Assert.Equal(500, plan.InjectionsBy(TimeSpan.FromSeconds(10)), 6);
        Assert.Equal(250, plan.InjectionsBy(TimeSpan.FromSeconds(5)), 6);
        Assert.Equal(500, plan.InjectionsBy(TimeSpan.FromSeconds(99)), 6);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.Duration);
    }

    [Fact]
    public void Inject_RatePerLongerInterval_IsConvertedToPerSecond()
    {
        var plan = SimulationPlan.Compile([new Inject(30, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6))]);

        Assert.Equal(10, plan.RateAt(TimeSpan.FromSeconds(1)), 6);
        Assert.Equal(60, plan.InjectionsBy(TimeSpan.FromSeconds(6)), 6);
    }

    [Fact]
    public void RampingInject_FromStart_RampsFromZeroAndInjectsTheTriangle()
    {
        var plan = SimulationPlan.Compile([new RampingInject(100, OneSecond, TimeSpan.FromSeconds(10))]);

        Assert.Equal(0, plan.RateAt(TimeSpan.Zero), 6);
        Assert.Equal(50, plan.RateAt(TimeSpan.FromSeconds(5)), 6);
        Assert.Equal(500, plan.InjectionsBy(TimeSpan.FromSeconds(10)), 6);
        Assert.Equal(125, plan.InjectionsBy(TimeSpan.FromSeconds(5)), 6);
    }

    [Fact]
    public void RampingInject_AfterInject_StartsFromThePreviousRate()
    {
        var plan = SimulationPlan.Compile(
        [
            new Inject(20, OneSecond, TimeSpan.FromSeconds(10)),
            new RampingInject(40, OneSecond, TimeSpan.FromSeconds(10)),
        ]);

        Assert.Equal(20, plan.Phases[1].StartRatePerSecond, 6);
        Assert.Equal(30, plan.RateAt(TimeSpan.FromSeconds(15)), 6);
        Assert.Equal(200 + 300, plan.InjectionsBy(TimeSpan.FromSeconds(20)), 6);
    }

    [Fact]
    public void Pause_BetweenInjections_InjectsNothingAndResetsTheRamp()
    {
        var plan = SimulationPlan.Compile(
        [
            new Inject(10, OneSecond, TimeSpan.FromSeconds(2)),
            new Pause(TimeSpan.FromSeconds(3)),
            new RampingInject(10, OneSecond, TimeSpan.FromSeconds(2)),
        ]);

        Assert.Equal(0, plan.RateAt(TimeSpan.FromSeconds(3)), 6);
        Assert.Equal(20, plan.InjectionsBy(TimeSpan.FromSeconds(5)), 6);
        Assert.Equal(0, plan.Phases[2].StartRatePerSecond, 6);
        Assert.Equal(30, plan.InjectionsBy(TimeSpan.FromSeconds(7)), 6);
    }

    [Fact]
    public void KeepConstant_DuringItsPhase_AsksForItsCopiesAndNoInjections()
    {
        var plan = SimulationPlan.Compile([new KeepConstant(8, TimeSpan.FromSeconds(5))]);

        Assert.Equal(8, plan.CopiesAt(TimeSpan.FromSeconds(2)));
        Assert.Equal(0, plan.CopiesAt(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, plan.InjectionsBy(TimeSpan.FromSeconds(5)), 6);
        Assert.True(plan.HasClosedPhases);
        Assert.False(plan.HasOpenPhases);
    }

    [Fact]
    public void RampingConstant_AfterKeepConstant_MovesCopiesLinearlyFromThePreviousCount()
    {
        var plan = SimulationPlan.Compile(
        [
            new KeepConstant(10, TimeSpan.FromSeconds(4)),
            new RampingConstant(30, TimeSpan.FromSeconds(10)),
        ]);

        Assert.Equal(10, plan.CopiesAt(TimeSpan.FromSeconds(4)));
        Assert.Equal(20, plan.CopiesAt(TimeSpan.FromSeconds(9)));
        Assert.Equal(29, plan.CopiesAt(TimeSpan.FromSeconds(13.7)));
    }

    [Fact]
    public void Compile_ZeroDuration_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SimulationPlan.Compile([new Inject(10, OneSecond, TimeSpan.Zero)]));
    }

    [Fact]
    public void Compile_NegativeRate_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SimulationPlan.Compile([new Inject(-1, OneSecond, OneSecond)]));
    }

    [Fact]
    public void PhaseAt_BeforeAndAfterThePlan_IsNull()
    {
        var plan = SimulationPlan.Compile([new Inject(1, OneSecond, OneSecond)]);

        Assert.Null(plan.PhaseAt(TimeSpan.FromSeconds(-1)));
        Assert.Null(plan.PhaseAt(OneSecond));
        Assert.NotNull(plan.PhaseAt(TimeSpan.FromMilliseconds(500)));
    }
}
