using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Reports;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Tests.Support;

/// <summary>A finished run with known figures, for the report writers.</summary>
internal static class SampleRun
{
    public static RunReport Report(string scenarioName = "saml-login", IReadOnlyList<StressStep>? stress = null)
    {
        var latency = new LatencySummary(1000, 3, 9.5, 6, 8, 24.25, 74.5, 115.75);
        var iterations = new StepSummary(scenarioName, 998, 2, new Dictionary<string, long> { ["ok"] = 998, ["sso: 400 saml.12.IssuerUnknown"] = 2 }, 4096, latency, LatencySummary.Empty,
            new Dictionary<string, string> { ["sso: 400 saml.12.IssuerUnknown"] = "unknown <SP>" });
        var step = iterations with { Name = "sso", Statuses = new Dictionary<string, long> { ["302"] = 998, ["400 saml.12.IssuerUnknown"] = 2 } };
        var series = new List<TimeSeriesPoint> { new(0, 1, 100, 99, 1, 5, 20, 60, 90), new(1, 1, 100, 100, 0, 6, 22, 70, 110) };
        var result = new ScenarioResult(new FakeScenario(scenarioName), SimulationPlan.Compile([new Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))]), iterations, [step], series);
        var run = new RunResult(
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), [result], null,
            stress ?? [], LatencySummary.Empty, new CpuUsage(4242, TimeSpan.FromMilliseconds(4350), 998), new CpuUsage(1, TimeSpan.FromMilliseconds(3000), 998));
        return new RunReport("http://127.0.0.1:5099", "peak", "peak hour", "2 cores", run, ["a note"]);
    }
}
