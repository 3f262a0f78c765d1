using System.Globalization;

namespace NemLogin.LoadTests.Broker;

/// <summary>
/// A process's CPU time (user + system, all threads) from <c>/proc/&lt;pid&gt;/stat</c>, so the broker can be measured
/// from outside without touching it (proc(5): fields 14 utime and 15 stime, in clock ticks).
/// </summary>
public static class ProcessCpu
{
    /// <summary>USER_HZ: the kernel reports these fields in 1/100 s on every architecture .NET runs on (x86-64, arm64).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time so far, or null when the process is gone or not readable.</summary>
    public static TimeSpan? Read(int processId)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{processId}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses a stat line. The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.</summary>
    public static TimeSpan Parse(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var afterName = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // afterName[0] is field 3 (state), so field n is afterName[n - 3].
        var utime = long.Parse(afterName[14 - 3], CultureInfo.InvariantCulture);
        var stime = long.Parse(afterName[15 - 3], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
    }
}
