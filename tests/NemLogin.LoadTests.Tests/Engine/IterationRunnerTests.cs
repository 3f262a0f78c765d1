using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.LoadTests.Tests.Engine;

public sealed class IterationRunnerTests
{
    [Fact]
    public async Task Run_SecondStepFails_FailsTheIterationAndSkipsTheRest()
    {
        var scenario = new FakeScenario(
            "fake",
            FakeScenario.Step("first", StepOutcome.Ok("200", 100)),
            FakeScenario.Step("second", StepOutcome.Fail("400 saml.12.IssuerUnknown", 50, "unknown SP")),
            FakeScenario.Step("third", StepOutcome.Ok("200")));
        var stats = new ScenarioStats("fake");

        await new IterationRunner(scenario, stats, Resources.WithoutBroker(), 10).RunAsync(CancellationToken.None);

        var iterations = stats.Iterations.Summarize();
        Assert.Equal(0, iterations.Ok);
        Assert.Equal(1, iterations.Fail);
        Assert.Equal(1, iterations.Statuses["second: 400 saml.12.IssuerUnknown"]);
        Assert.Equal("unknown SP", iterations.SampleReasons["second: 400 saml.12.IssuerUnknown"]);
        Assert.Equal(150, iterations.Bytes);
        var steps = stats.SummarizeSteps();
        Assert.Equal(["first", "second"], steps.Select(s => s.Name));
        Assert.Equal(1, steps[0].Ok);
        Assert.Equal(1, steps[1].Fail);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("http.error")]
    [InlineData("saml.SignatureInvalid")]
    public async Task Run_StepThrows_RecordsAStableStatus(string expected)
    {
        Exception thrown = expected switch
        {
            "timeout" => new TimeoutException("slow"),
            "http.error" => new HttpRequestException(HttpRequestError.ConnectionError, "refused"),
            _ => new SamlException(SamlErrorCode.SignatureInvalid, "bad"),
        };
        var scenario = new FakeScenario("fake", FakeScenario.Throwing("hop", thrown));
        var stats = new ScenarioStats("fake");

        await new IterationRunner(scenario, stats, Resources.WithoutBroker(), 10).RunAsync(CancellationToken.None);

        Assert.Equal(1, stats.Step("hop").Summarize().Statuses[expected]);
        Assert.Equal(1, stats.Iterations.Fail);
    }

    [Fact]
    public async Task Run_CancelledByTheEndOfTheRun_CountsNeitherOkNorFail()
    {
        using var abort = new CancellationTokenSource();
        await abort.CancelAsync();
        var scenario = new FakeScenario("fake", context => context.StepAsync("hop", ct => Task.FromCanceled<StepOutcome>(ct)));
        var stats = new ScenarioStats("fake");

        await new IterationRunner(scenario, stats, Resources.WithoutBroker(), 10).RunAsync(abort.Token);

        Assert.Equal(0, stats.Iterations.Ok + stats.Iterations.Fail);
        Assert.Equal(0, stats.InFlight);
    }
}
