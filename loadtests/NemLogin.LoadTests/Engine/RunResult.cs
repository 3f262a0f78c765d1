using NemLogin.LoadTests.Metrics;

namespace NemLogin.LoadTests.Engine;

/// <summary>Everything a report needs from a run.</summary>
public sealed record RunResult(
    DateTimeOffset StartedAt,
    TimeSpan WarmUp,
    TimeSpan MeasuredDuration,
    IReadOnlyList<ScenarioResult> Scenarios,
    string? StopReason,
    IReadOnlyList<StressStep> StressSteps,
    LatencySummary SchedulerDelay,
    CpuUsage? BrokerCpu,
    CpuUsage? RunnerCpu,
    MachineUsage? Machine = null,
    IReadOnlyList<MemorySample>? BrokerMemory = null)
{
    /// <summary>The highest stress rate that held, or null when this was no stress run or the first step already failed.</summary>
    public double? HighestHeldRate => StressSteps.Where(s => s.Held).Select(s => (double?)s.TargetRate).Max();

    public long TotalFailures => Scenarios.Sum(s => s.Iterations.Fail);
}
