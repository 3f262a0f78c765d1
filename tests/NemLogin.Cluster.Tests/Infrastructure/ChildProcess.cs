using System.Diagnostics;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A program started by the tests with its output in a log file. Its pid goes into the <see cref="Watchdog"/>'s list, so
/// it is killed even when the test process dies without cleaning up.
/// </summary>
internal sealed class ChildProcess
{
    private readonly Process _process;

    private ChildProcess(Process process, string logFile)
    {
        _process = process;
        LogFile = logFile;
    }

    public int Pid => _process.Id;

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(string logFile, IReadOnlyDictionary<string, string> environment, string program, params string[] arguments)
    {
        // `exec` keeps one pid: the one signalled is the program itself, not a shell around it.
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$NEMLOGIN_TEST_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["NEMLOGIN_TEST_LOG"] = logFile;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        Watchdog.Track(process.Id);
        return new ChildProcess(process, logFile);
    }

    public void Signal(int signal) => Signals.Send(Pid, signal);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public string LogTail(int characters = 3000)
    {
        try
        {
            var text = File.ReadAllText(LogFile);
            return text.Length <= characters ? text : text[^characters..];
        }
        catch (IOException)
        {
            return "";
        }
    }
}
