using System.Diagnostics;
using NemLogin.LoadTests.Broker;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Progress;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Engine;

/// <summary>
/// Runs scenarios side by side on one clock: warm-up first (results discarded), then the measured plans, watched by a
/// monitor that builds the time series, feeds the live display, and stops the run on the fail-count threshold or
/// the first stress step that did not hold. Iterations still running at the end may finish within the drain timeout.
/// </summary>
public sealed class LoadEngine(RunResources resources, RunSettings settings)
{
    private static readonly TimeSpan MonitorTick = TimeSpan.FromMilliseconds(250);
    private const int TargetPoints = 600;

    public async Task<RunResult> RunAsync(IReadOnlyList<ScenarioRun> runs, IProgressDisplay display, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(display);
        return await display.RunAsync(async report =>
        {
            var warmUp = await WarmUpAsync(runs, report, cancellationToken);
            return await MeasureAsync(runs, warmUp, report, cancellationToken);
        });
    }

    private async Task<TimeSpan> WarmUpAsync(IReadOnlyList<ScenarioRun> runs, Action<ProgressSnapshot> report, CancellationToken cancellationToken)
    {
        var warmUps = runs.Where(r => r.WarmUp is not null).Select(r => r with { Plan = r.WarmUp! }).ToList();
        if (warmUps.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var stopwatch = Stopwatch.StartNew();
        var discarded = warmUps.Select(r => new ScenarioStats(r.Scenario.Name)).ToList();
        await ExecuteAsync(warmUps, discarded, stopwatch, "warm-up", report, monitor: null, cancellationToken);
        return stopwatch.Elapsed;
    }

    private async Task<RunResult> MeasureAsync(IReadOnlyList<ScenarioRun> runs, TimeSpan warmUp, Action<ProgressSnapshot> report, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var stats = runs.Select(r => new ScenarioStats(r.Scenario.Name)).ToList();
        var monitor = new RunMonitor(runs, stats, settings, BucketWidth(runs));
        var brokerCpuBefore = settings.BrokerProcessId is { } pid ? ProcessCpu.ReadTree(pid) : null;
        var runnerCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var machineBefore = MachineCpu.Read();
        settings.MeasurementStarted?.Invoke();
        var stopwatch = Stopwatch.StartNew();

        var injectionEnded = await ExecuteAsync(runs, stats, stopwatch, "run", report, monitor, cancellationToken);

        var runnerCpu = Process.GetCurrentProcess().TotalProcessorTime - runnerCpuBefore;
        var brokerCpuAfter = settings.BrokerProcessId is { } pidAfter ? ProcessCpu.ReadTree(pidAfter) : null;
        var machineAfter = MachineCpu.Read();
        var wall = stopwatch.Elapsed;
        monitor.Flush(stopwatch.Elapsed);

        var results = runs.Select((r, i) => new ScenarioResult(
            r.Scenario, r.Plan, stats[i].Iterations.Summarize(), stats[i].SummarizeSteps(), monitor.TimeSeries(i))).ToList();
        var logins = results.Sum(r => r.Iterations.Ok * r.Scenario.LoginsPerIteration);
        var brokerCpu = brokerCpuBefore is { } before && brokerCpuAfter is { } after
            ? new CpuUsage(settings.BrokerProcessId!.Value, after - before, logins)
            : null;
        return new RunResult(
            startedAt,
            warmUp,
            injectionEnded,
            results,
            monitor.StopReason,
            monitor.StressSteps,
            monitor.SchedulerDelay.Summarize(),
            brokerCpu,
            new CpuUsage(Environment.ProcessId, runnerCpu, logins),
            machineBefore is { } m0 && machineAfter is { } m1 ? Usage(m1.Busy - m0.Busy, brokerCpu?.CpuTime ?? TimeSpan.Zero, runnerCpu, wall) : null,
            monitor.BrokerMemory);
    }

    private static MachineUsage Usage(TimeSpan busy, TimeSpan broker, TimeSpan runner, TimeSpan wall) =>
        new(Environment.ProcessorCount, busy / wall, broker / wall, runner / wall);

    /// <summary>Runs the plans until they end or the monitor stops them; returns how long injection lasted.</summary>
    private async Task<TimeSpan> ExecuteAsync(
        IReadOnlyList<ScenarioRun> runs,
        IReadOnlyList<ScenarioStats> stats,
        Stopwatch stopwatch,
        string stage,
        Action<ProgressSnapshot> report,
        RunMonitor? monitor,
        CancellationToken cancellationToken)
    {
        using var stopInjecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abortIterations = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var schedulerDelay = monitor?.SchedulerDelay ?? new LatencyHistogram();
        TimeSpan Clock() => stopwatch.Elapsed;

        var drivers = new List<Task>();
        for (var i = 0; i < runs.Count; i++)
        {
            var runner = new IterationRunner(runs[i].Scenario, stats[i], resources, settings.MaxInFlight);
            if (runs[i].Plan.HasOpenPhases)
            {
                drivers.Add(OpenModelDriver.RunAsync(runs[i].Plan, runner, Clock, schedulerDelay, stopInjecting.Token, abortIterations.Token));
            }

            if (runs[i].Plan.HasClosedPhases)
            {
                drivers.Add(ClosedModelDriver.RunAsync(runs[i].Plan, runner, Clock, stopInjecting.Token, abortIterations.Token));
            }
        }

        var total = runs.Max(r => r.Plan.Duration);
        var injecting = Task.WhenAll(drivers);
        var lastReport = TimeSpan.FromSeconds(-1);
        while (!injecting.IsCompleted)
        {
            await Task.WhenAny(injecting, Task.Delay(MonitorTick, CancellationToken.None));
            var now = Clock();
            if (monitor?.Observe(now) is { } stop)
            {
                stopInjecting.Cancel();
                report(Snapshot(stage, now, total, runs, stats, monitor, stop));
            }

            if (now - lastReport >= TimeSpan.FromSeconds(1))
            {
                lastReport = now;
                report(Snapshot(stage, now, total, runs, stats, monitor, null));
            }
        }

        await injecting;
        var injectionEnded = Clock() < total ? Clock() : total;

        var drainUntil = Clock() + settings.DrainTimeout;
        while (stats.Any(s => s.InFlight > 0) && Clock() < drainUntil)
        {
            await Task.Delay(MonitorTick, CancellationToken.None);
            monitor?.Observe(Clock());
            report(Snapshot("drain", Clock(), total, runs, stats, monitor, null));
        }

        await abortIterations.CancelAsync();
        // Abandoned iterations leave on their next await; wait briefly so none records into a finished result.
        for (var i = 0; i < 40 && stats.Any(s => s.InFlight > 0); i++)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        return injectionEnded;
    }

    private static ProgressSnapshot Snapshot(
        string stage, TimeSpan now, TimeSpan total, IReadOnlyList<ScenarioRun> runs, IReadOnlyList<ScenarioStats> stats, RunMonitor? monitor, string? note)
    {
        var scenarios = runs.Select((r, i) =>
        {
            var last = monitor?.LastPoint(i);
            return new ScenarioProgress(
                r.Scenario.Name,
                r.Plan.RateAt(now),
                r.Plan.CopiesAt(now),
                stats[i].Iterations.Ok,
                stats[i].Iterations.Fail,
                stats[i].InFlight,
                last?.Rps ?? 0,
                last?.P50Ms ?? 0,
                last?.P99Ms ?? 0);
        }).ToList();
        return new ProgressSnapshot(stage, now, total, scenarios, note);
    }

    private TimeSpan BucketWidth(IReadOnlyList<ScenarioRun> runs)
    {
        if (settings.BucketWidth is { } fixedWidth)
        {
            return fixedWidth;
        }

        var seconds = Math.Max(1, Math.Ceiling(runs.Max(r => r.Plan.Duration).TotalSeconds / TargetPoints));
        return TimeSpan.FromSeconds(seconds);
    }
}
