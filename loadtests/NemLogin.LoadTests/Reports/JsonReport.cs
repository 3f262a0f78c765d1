using System.Text.Json;
using System.Text.Json.Serialization;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;

namespace NemLogin.LoadTests.Reports;

/// <summary>
/// <c>report.json</c>: per scenario <c>name</c>, <c>ok</c>, <c>fail</c>, <c>rps</c> and <c>latency_ms</c>
/// (<c>p50</c>, <c>p95</c>, <c>p99</c>, <c>max</c>, …), its steps, and the run's CPU and stress figures. Field names are
/// a contract for the scripts that read it: add, never rename.
/// </summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        var model = new
        {
            target = report.Target,
            profile = report.Profile,
            profile_description = report.ProfileDescription,
            machine = report.Machine,
            started_at = r.StartedAt,
            warm_up_seconds = Round(r.WarmUp.TotalSeconds),
            duration_seconds = Round(r.MeasuredDuration.TotalSeconds),
            stop_reason = r.StopReason,
            scenarios = r.Scenarios.Select(s => new
            {
                name = s.Scenario.Name,
                ok = s.Iterations.Ok,
                fail = s.Iterations.Fail,
                rps = Round(report.Rps(s)),
                ok_rps = Round(report.OkRps(s)),
                latency_ms = Latency(s.Iterations.Latency),
                bytes = s.Iterations.Bytes,
                statuses = s.Iterations.Statuses,
                load = s.Plan.Phases.Select(p => p.Source.Describe()),
                steps = s.Steps.Select(step => new
                {
                    name = step.Name,
                    ok = step.Ok,
                    fail = step.Fail,
                    rps = Round(report.PerSecond(step.Total)),
                    latency_ms = Latency(step.Latency),
                    bytes = step.Bytes,
                    statuses = step.Statuses,
                    fail_reasons = step.SampleReasons.Count == 0 ? null : step.SampleReasons,
                }),
            }),
            broker_cpu = Cpu(r.BrokerCpu),
            runner_cpu = Cpu(r.RunnerCpu),
            machine_cpu = r.Machine is not { } m ? null : new
            {
                cores = m.Cores,
                busy_cores = Round(m.BusyCores),
                broker_cores = Round(m.BrokerCores),
                runner_cores = Round(m.RunnerCores),
                other_cores = Round(m.OtherCores),
            },
            scheduler_delay_ms = Latency(r.SchedulerDelay),
            broker_memory = r.BrokerMemory is not { Count: > 0 } memory ? null : memory.Select(m => new { at_s = Round(m.AtSeconds), resident_bytes = m.ResidentBytes }),
            stress = r.StressSteps.Count == 0 ? null : new
            {
                highest_rate_held = r.HighestHeldRate,
                steps = r.StressSteps.Select(s => new
                {
                    target_rate = Round(s.TargetRate),
                    achieved_rps = Round(s.AchievedRps),
                    p50_ms = Round(s.P50Ms),
                    p95_ms = Round(s.P95Ms),
                    p99_ms = Round(s.P99Ms),
                    fail_percent = Round(s.FailPercent),
                    held = s.Held,
                    why = s.Why,
                }),
            },
            notes = report.Notes,
        };
        return JsonSerializer.Serialize(model, Json);
    }

    private static object Latency(LatencySummary l) => new
    {
        count = l.Count,
        min = Round(l.MinMs),
        mean = Round(l.MeanMs),
        p50 = Round(l.P50Ms),
        p75 = Round(l.P75Ms),
        p95 = Round(l.P95Ms),
        p99 = Round(l.P99Ms),
        max = Round(l.MaxMs),
    };

    private static object? Cpu(CpuUsage? cpu) => cpu is null ? null : new
    {
        pid = cpu.ProcessId,
        cpu_ms = Round(cpu.CpuTime.TotalMilliseconds),
        logins = cpu.Logins,
        cpu_ms_per_login = Round(cpu.MillisecondsPerLogin),
    };

    private static double Round(double value) => Math.Round(value, 3);
}
