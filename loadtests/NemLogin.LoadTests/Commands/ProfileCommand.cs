using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Profiling;

namespace NemLogin.LoadTests.Commands;

/// <summary>
/// <c>profile</c>: CPU samples of any .NET process on this machine for a while, without a load run — a silo while the
/// seed fills the cluster, a gateway under someone else's load. The same recorder and summary as
/// <c>run --profile-broker</c>; the summary goes to <c>process-profile.md</c> beside the trace.
/// </summary>
public static class ProfileCommand
{
    public const string TraceFile = "process-profile.nettrace";
    public const string SummaryFile = "process-profile.md";

    public static async Task<int> ExecuteAsync(RunnerOptions options, TextWriter output, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        string trace, directory, process;
        if (options.TraceFile is { } recorded)
        {
            trace = Path.GetFullPath(recorded);
            directory = Path.GetFullPath(options.ReportDirectory ?? Path.GetDirectoryName(trace)!);
            process = Path.GetFileName(trace);
            if (!File.Exists(trace))
            {
                throw new FileNotFoundException($"No recording at {trace}.");
            }
        }
        else if (options.BrokerProcessId is { } pid)
        {
            directory = Path.GetFullPath(options.ReportDirectory ?? Path.Combine("load-reports", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-profile-{pid}"));
            Directory.CreateDirectory(directory);
            trace = Path.Combine(directory, TraceFile);
            process = $"process {pid}";
            output.WriteLine($"Recording process {pid} for {options.ProfileDuration} into {trace} (Ctrl+C ends it early).");
            await RecordAsync(pid, trace, options.ProfileDuration, cancellation);
        }
        else
        {
            throw new ArgumentException("profile needs --broker-pid PID (the process to record) or --trace FILE (a recording to sum up).");
        }

        Directory.CreateDirectory(directory);
        var profile = ProfileAnalyzer.Analyze(trace, options.CallersOf);
        await File.WriteAllTextAsync(Path.Combine(directory, SummaryFile), ProfileMarkdown.Write(profile, process), CancellationToken.None);
        output.WriteLine($"{profile.BusySamples:N0} working samples; summary in {Path.Combine(directory, SummaryFile)}.");
        return 0;
    }

    private static async Task RecordAsync(int pid, string trace, TimeSpan duration, CancellationToken cancellation)
    {
        await using var recorder = EventPipeRecorder.Start(pid, trace);
        try
        {
            await Task.Delay(duration, cancellation);
        }
        catch (OperationCanceledException)
        {
            // Ended early: the recording so far is summed up all the same.
        }
    }
}
