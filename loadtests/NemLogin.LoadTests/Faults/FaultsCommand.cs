using System.Diagnostics;
using NemLogin.LoadTests.Commands;
using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Engine;

namespace NemLogin.LoadTests.Faults;

/// <summary>
/// <c>faults</c>: the <c>run</c> verb's open-model login load (saml-login at <c>--rate</c>, 1 s time-series points, no
/// stop on failures) with faults injected one after another while it runs. For each fault: inject (the fault command
/// with <c>inject NAME</c>), wait until the cluster has reacted (<c>await NAME</c>: a standby promoted, a silo declared
/// dead), then until logins succeed steadily or the recovery timeout passes, heal (<c>heal NAME</c>,
/// which returns once the healed part is back), settle, and wait for steady logins again. A <see cref="SideWriter"/>
/// writes throughout; after the load stops every acknowledged write is looked for. <see cref="FaultAnalysis"/> turns the
/// time series and the ledger into the figures of <c>faults.json</c> and <c>faults.md</c>.
/// </summary>
public static class FaultsCommand
{
    /// <summary>Every fault must have logins succeeding steadily again within this (issue 13).</summary>
    public static readonly TimeSpan RtoLimit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public static async Task<int> ExecuteAsync(RunnerOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var faults = options.Faults;
        if (string.IsNullOrWhiteSpace(faults.Command) || options.Target is null || string.IsNullOrEmpty(options.AdminApiKey))
        {
            output.WriteLine("faults needs --target, --admin-key (or NEMLOGIN_ADMIN_KEY) and --fault-command, e.g. --fault-command \"scripts/cluster.sh fault\".");
            return RunCommand.ExitCannotStart;
        }

        var directory = options.ReportDirectory ?? Path.Combine("load-reports", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-faults");
        var load = options with
        {
            Profile = "average",
            Rate = options.Rate ?? 15,
            Duration = TimeSpan.FromHours(2),
            WarmUp = TimeSpan.Zero,
            MaxFailCount = 0,
            BucketWidth = TimeSpan.FromSeconds(1),
            ReportDirectory = directory,
        };
        var loadAverageBefore = LoadAverage();
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = new TaskCompletionSource<RunResources>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        var watch = new RecoveryWatch(output);
        var running = RunCommand.ExecuteAsync(load, watch, output, stopLoad.Token, resources =>
        {
            clock.Start();
            started.TrySetResult(resources);
        });
        if (await Task.WhenAny(running, started.Task) == running)
        {
            output.WriteLine("The load did not start; no fault was injected.");
            return (await running).ExitCode;
        }

        double Now() => clock.Elapsed.TotalSeconds;
        var writer = new SideWriter(await started.Task, Now);
        await writer.PrepareAsync(cancellationToken);
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = writer.RunAsync(stopWriting.Token);

        output.WriteLine($"load running at {load.Rate}/s against {options.Target}; waiting for steady logins before the first fault");
        await WaitSteadyAsync(watch, Now(), faults, cancellationToken);
        var done = new List<(string Name, double Injected, double FailedOver, double? Recovered, double HealStarted, double Healed, List<string> Output)>();
        foreach (var name in faults.Names)
        {
            var said = new List<string>();
            output.WriteLine($"[{Now(),6:0.0}s] inject {name}");
            await CommandAsync(faults.Command!, "inject", name, said, output, cancellationToken);
            var injected = Now();
            await CommandAsync(faults.Command!, "await", name, said, output, cancellationToken);
            var failedOver = Now();
            output.WriteLine($"[{failedOver,6:0.0}s] failed over {failedOver - injected:0.0}s after injection");
            double? recovered = await WaitSteadyAsync(watch, failedOver, faults, cancellationToken) ? Now() - faults.Steady.TotalSeconds : null;
            output.WriteLine(recovered is { } r ? $"[{Now(),6:0.0}s] logins steady since {r - injected:0.0}s after injection" : $"[{Now(),6:0.0}s] logins not steady within {faults.RecoveryTimeout.TotalSeconds:0} s");
            var healStarted = Now();
            output.WriteLine($"[{healStarted,6:0.0}s] heal {name}");
            await CommandAsync(faults.Command!, "heal", name, said, output, cancellationToken);
            var healed = Now();
            output.WriteLine($"[{healed,6:0.0}s] healed; settling {faults.Settle.TotalSeconds:0} s");
            await Task.Delay(faults.Settle, cancellationToken);
            await WaitSteadyAsync(watch, healed, faults, cancellationToken);
            done.Add((name, injected, failedOver, recovered, healStarted, healed, said));
        }

        var ended = Now();
        await stopWriting.CancelAsync();
        await writing;
        // Read back while the load still runs: the run's connection pool ends with it.
        output.WriteLine("reading back every acknowledged write");
        await writer.ReadBackAsync(cancellationToken);
        await stopLoad.CancelAsync();
        var (_, report, _) = await running;

        var windows = done.Select((d, i) => new FaultWindow(d.Name, d.Injected, d.FailedOver, d.Recovered, d.HealStarted, d.Healed, i + 1 < done.Count ? done[i + 1].Injected : ended, d.Output)).ToList();
        var series = report?.Result.Scenarios.SelectMany(s => s.TimeSeries).GroupBy(p => p.AtSeconds)
            .Select(g => g.First() with { Ok = g.Sum(p => p.Ok), Fail = g.Sum(p => p.Fail) }).ToList() ?? [];
        var results = windows.Select(w => FaultAnalysis.Analyse(w, series, writer.Writes, faults.Steady)).ToList();
        var summary = new FaultRunSummary(
            options.Target.ToString().TrimEnd('/'),
            load.Rate!.Value,
            Reports.RunReport.DescribeMachine(),
            loadAverageBefore,
            LoadAverage(),
            Environment.GetEnvironmentVariable("NEMLOGIN_COMMIT"),
            DateTimeOffset.UtcNow,
            faults.Steady.TotalSeconds,
            windows,
            results,
            writer.Writes,
            series);
        foreach (var path in FaultReport.WriteAll(summary, directory))
        {
            output.WriteLine("report: " + Path.GetFullPath(path));
        }

        output.WriteLine(FaultReport.Table(summary));
        return summary.Passed(RtoLimit) ? RunCommand.ExitOk : RunCommand.ExitFailures;
    }

    private static async Task<bool> WaitSteadyAsync(RecoveryWatch watch, double since, FaultRunSettings faults, CancellationToken cancellationToken)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < faults.RecoveryTimeout)
        {
            if (watch.Steady(since, faults.Steady))
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    private static async Task CommandAsync(string command, string verb, string name, List<string> said, TextWriter output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{command} {verb} {name}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start: {command}");
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (said)
            {
                said.Add($"{verb}: {line}");
            }

            output.WriteLine("    " + line);
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Line($"{verb} {name} did not finish within {CommandTimeout.TotalMinutes:0} min");
            return;
        }

        if (process.ExitCode != 0)
        {
            Line($"{verb} {name} exited with {process.ExitCode}");
        }
    }

    private static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
}
