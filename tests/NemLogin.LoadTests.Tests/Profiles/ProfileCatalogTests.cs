using NemLogin.LoadTests.Commands;
using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Profiles;
using NemLogin.LoadTests.Simulations;
using Xunit;

namespace NemLogin.LoadTests.Tests.Profiles;

public sealed class ProfileCatalogTests
{
    [Theory]
    [InlineData("average", 11.574)]
    [InlineData("peak", 115.74)]
    [InlineData("peak-day", 347.22)]
    [InlineData("soak", 115.74)]
    public void Build_NationalProfile_InjectsTheNationalRate(string name, double perSecond)
    {
        var plan = SimulationPlan.Compile(ProfileCatalog.Build(Request(name)).Simulations);

        Assert.Equal(perSecond, plan.RateAt(TimeSpan.FromSeconds(1)), 2);
    }

    [Fact]
    public void NationalFigures_ThirtyMillionAMonth_IsAboutElevenPointSixPerSecond()
    {
        Assert.Equal(11.6, NationalFigures.AverageLoginsPerSecond, 1);
    }

    [Fact]
    public void Build_SoakWithoutDuration_RunsForHours()
    {
        Assert.Equal(TimeSpan.FromHours(2), SimulationPlan.Compile(ProfileCatalog.Build(Request("soak")).Simulations).Duration);
        Assert.Equal(TimeSpan.FromSeconds(60), SimulationPlan.Compile(ProfileCatalog.Build(Request("peak")).Simulations).Duration);
    }

    [Fact]
    public void Build_RateOnTheCommandLine_ReplacesTheNationalRateAndSaysSo()
    {
        var profile = ProfileCatalog.Build(Request("peak") with { Rate = 400 });

        Assert.Equal(400, SimulationPlan.Compile(profile.Simulations).RateAt(TimeSpan.Zero), 6);
        Assert.Contains("command line", profile.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Stress_IsAStaircaseWithTheCriteria()
    {
        var profile = ProfileCatalog.Build(Request("stress") with
        {
            Stress = new StressSettings { StartRate = 50, StepRate = 50, MaxRate = 200, StepDuration = TimeSpan.FromSeconds(10), MaxP99Ms = 200, MaxFailPercent = 1 },
        });
        var plan = SimulationPlan.Compile(profile.Simulations);

        Assert.Equal([50d, 100d, 150d, 200d], plan.Phases.Select(p => p.StartRatePerSecond));
        Assert.All(plan.Phases, p => Assert.Equal(p.StartRatePerSecond, p.EndRatePerSecond));
        Assert.Equal(TimeSpan.FromSeconds(40), plan.Duration);
        Assert.Equal(200, profile.Stress!.MaxP99Ms);
        Assert.Equal(1, profile.Stress.MaxFailPercent);
    }

    [Fact]
    public void Build_Constant_IsAClosedModel()
    {
        var plan = SimulationPlan.Compile(ProfileCatalog.Build(Request("constant") with { Copies = 16 }).Simulations);

        Assert.Equal(16, plan.CopiesAt(TimeSpan.FromSeconds(1)));
        Assert.False(plan.HasOpenPhases);
    }

    [Fact]
    public void Build_UnknownProfile_NamesTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => ProfileCatalog.Build(Request("heavy")));
        Assert.Contains("peak-day", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildRuns_TwoScenariosWeightedThreeToOne_SplitTheProfilesRate()
    {
        var options = new RunnerOptions { Scenarios = [new ScenarioSelection("saml-login", 3), new ScenarioSelection("sso-second-sp", 1)] };

        var runs = RunCommand.BuildRuns(options, ProfileCatalog.Build(Request("peak") with { Rate = 100 }));

        Assert.Equal(75, runs[0].Plan.RateAt(TimeSpan.Zero), 6);
        Assert.Equal(25, runs[1].Plan.RateAt(TimeSpan.Zero), 6);
        Assert.Equal(25, runs[1].WarmUp!.RateAt(TimeSpan.Zero), 6);
    }

    [Fact]
    public void BuildRuns_ScenarioWithItsOwnSimulations_KeepsThem()
    {
        var own = new LoadSimulation[] { new KeepConstant(3, TimeSpan.FromSeconds(5)) };
        var options = new RunnerOptions { Scenarios = [new ScenarioSelection("saml-login", 1, own)] };

        var runs = RunCommand.BuildRuns(options, ProfileCatalog.Build(Request("peak")));

        Assert.Equal(3, runs[0].Plan.CopiesAt(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Scale_Copies_RoundToAtLeastOne()
    {
        var scaled = SimulationShare.Scale([new KeepConstant(3, TimeSpan.FromSeconds(1)), new Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))], 0.1);

        Assert.Equal(new KeepConstant(1, TimeSpan.FromSeconds(1)), scaled[0]);
        Assert.Equal(1, ((Inject)scaled[1]).Rate, 6);
    }

    private static ProfileRequest Request(string name) => new(name, null, TimeSpan.FromSeconds(5), null, 10, new StressSettings());
}
