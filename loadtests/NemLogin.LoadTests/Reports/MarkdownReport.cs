using System.Text;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using static NemLogin.LoadTests.Reports.Numbers;

namespace NemLogin.LoadTests.Reports;

/// <summary><c>report.md</c>: the run's figures as tables, for pasting into docs and issues.</summary>
public static class MarkdownReport
{
    public static string Write(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        var md = new StringBuilder();
        md.AppendLine("# Load test report").AppendLine();
        md.AppendLine($"- target: {report.Target}");
        md.AppendLine($"- profile: `{report.Profile}`: {report.ProfileDescription}");
        md.AppendLine($"- started: {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC; warm-up {F1(r.WarmUp.TotalSeconds)} s; measured {F1(r.MeasuredDuration.TotalSeconds)} s");
        md.AppendLine($"- machine: {report.Machine}");
        md.AppendLine($"- stopped early: {r.StopReason ?? "no"}");
        md.AppendLine($"- broker CPU: {Cpu(r.BrokerCpu)}");
        md.AppendLine($"- runner CPU: {Cpu(r.RunnerCpu)}");
        md.AppendLine($"- machine CPU: {Machine(r.Machine)}");
        md.AppendLine($"- broker memory: {Memory(r.BrokerMemory)}");
        md.AppendLine($"- injector delay: p99 {F2(r.SchedulerDelay.P99Ms)} ms, max {F2(r.SchedulerDelay.MaxMs)} ms");
        md.AppendLine();

        md.AppendLine("## Scenarios").AppendLine();
        md.AppendLine("| scenario | ok | fail | rps | ok rps | min | mean | p50 | p75 | p95 | p99 | max | bytes |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in r.Scenarios)
        {
            md.AppendLine($"| {s.Scenario.Name} | {F0(s.Iterations.Ok)} | {F0(s.Iterations.Fail)} | {F1(report.Rps(s))} | {F1(report.OkRps(s))} | {Latency(s.Iterations.Latency)} | {Bytes(s.Iterations.Bytes)} |");
        }

        md.AppendLine().AppendLine("Latencies in milliseconds, of OK iterations.");
        foreach (var s in r.Scenarios)
        {
            md.AppendLine().AppendLine($"### {s.Scenario.Name}").AppendLine();
            md.AppendLine(s.Scenario.Description + ". Load: " + PlanText.Describe(s.Plan) + ".").AppendLine();
            md.AppendLine("| step | ok | fail | statuses | min | mean | p50 | p75 | p95 | p99 | max | bytes |");
            md.AppendLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var step in s.Steps)
            {
                md.AppendLine($"| {step.Name} | {F0(step.Ok)} | {F0(step.Fail)} | {Statuses(step)} | {Latency(step.Latency)} | {Bytes(step.Bytes)} |");
            }

            if (s.Iterations.Fail > 0)
            {
                md.AppendLine().AppendLine("Failures: " + Statuses(s.Iterations, okToo: false) + ".");
                foreach (var step in s.Steps.Where(st => st.SampleReasons.Count > 0))
                {
                    foreach (var (status, reason) in step.SampleReasons)
                    {
                        md.AppendLine($"- {step.Name} `{status}`: {reason}");
                    }
                }
            }
        }

        if (r.StressSteps.Count > 0)
        {
            md.AppendLine().AppendLine("## Stress steps").AppendLine();
            md.AppendLine($"Highest rate that held: **{(r.HighestHeldRate is { } held ? F1(held) + " logins/s" : "none")}**.").AppendLine();
            md.AppendLine("| target /s | completed /s | p50 | p95 | p99 | errors % | held |");
            md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var step in r.StressSteps)
            {
                md.AppendLine($"| {F1(step.TargetRate)} | {F1(step.AchievedRps)} | {F2(step.P50Ms)} | {F2(step.P95Ms)} | {F2(step.P99Ms)} | {F2(step.FailPercent)} | {(step.Held ? "yes" : "no: " + step.Why)} |");
            }
        }

        if (r.BrokerMemory is { Count: > 1 } memory)
        {
            md.AppendLine().AppendLine("## Broker memory").AppendLine();
            md.AppendLine("Resident set (working set) of the broker's process through the measured run, about 20 points.").AppendLine();
            md.AppendLine("| at s | resident MB |");
            md.AppendLine("| ---: | ---: |");
            var every = Math.Max(1, memory.Count / 20);
            for (var i = 0; i < memory.Count; i++)
            {
                if (i % every == 0 || i == memory.Count - 1)
                {
                    md.AppendLine($"| {F0(memory[i].AtSeconds)} | {F1(memory[i].ResidentBytes / 1048576.0)} |");
                }
            }
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine("- " + note);
            }
        }

        return md.ToString();
    }

    internal static string Cpu(CpuUsage? cpu) => cpu is null
        ? "not measured (the process is not on this machine or not readable)"
        : $"{F0(cpu.CpuTime.TotalMilliseconds)} ms over {F0(cpu.Logins)} logins = **{F2(cpu.MillisecondsPerLogin)} ms per login** (pid {cpu.ProcessId})";

    internal static string Machine(MachineUsage? machine) => machine is null
        ? "not measured"
        : $"{F2(machine.BusyCores)} of {machine.Cores} cores busy on average: broker {F2(machine.BrokerCores)}, runner {F2(machine.RunnerCores)}, " +
          $"other processes {F2(machine.OtherCores)}" + (machine.OtherCores > 0.2 ? " (not a clean benchmark: other work shared the cores)" : string.Empty);

    internal static string Memory(IReadOnlyList<MemorySample>? memory) => memory is not { Count: > 0 }
        ? "not measured (the process is not on this machine or not readable)"
        : $"resident {F1(memory[0].ResidentBytes / 1048576.0)} MB at the start, {F1(memory[^1].ResidentBytes / 1048576.0)} MB at the end " +
          $"({F1((memory[^1].ResidentBytes - memory[0].ResidentBytes) * 100.0 / memory[0].ResidentBytes)} %), " +
          $"{F1(memory.Min(m => m.ResidentBytes) / 1048576.0)}–{F1(memory.Max(m => m.ResidentBytes) / 1048576.0)} MB in between";

    internal static string Statuses(StepSummary step, bool okToo = true) =>
        string.Join(", ", step.Statuses.Where(kv => okToo || kv.Key != "ok").OrderByDescending(kv => kv.Value).Select(kv => $"`{kv.Key}` × {F0(kv.Value)}"));

    private static string Latency(LatencySummary l) =>
        $"{F2(l.MinMs)} | {F2(l.MeanMs)} | {F2(l.P50Ms)} | {F2(l.P75Ms)} | {F2(l.P95Ms)} | {F2(l.P99Ms)} | {F2(l.MaxMs)}";
}
