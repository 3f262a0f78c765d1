using NemLogin.LoadTests.Engine;

namespace NemLogin.LoadTests.Reports;

/// <summary>A run's result with what it was run against: the input of every report format.</summary>
public sealed record RunReport(
    string Target,
    string Profile,
    string ProfileDescription,
    string Machine,
    RunResult Result,
    IReadOnlyList<string> Notes)
{
    public static string DescribeMachine() =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";

    /// <summary>Iterations per second over the measured duration, as NBomber counts RPS (OK and failed).</summary>
    public double Rps(ScenarioResult scenario) => PerSecond(scenario.Iterations.Total);

    public double OkRps(ScenarioResult scenario) => PerSecond(scenario.Iterations.Ok);

    public double PerSecond(long count) =>
        Result.MeasuredDuration <= TimeSpan.Zero ? 0 : count / Result.MeasuredDuration.TotalSeconds;
}
