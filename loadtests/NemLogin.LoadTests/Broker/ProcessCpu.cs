using System.Globalization;

namespace NemLogin.LoadTests.Broker;

/// <summary>
/// A process's CPU time (user + system, all threads) from <c>/proc/&lt;pid&gt;/stat</c>, so the broker can be measured
/// from outside without touching it (proc(5): fields 14 utime and 15 stime, in clock ticks), alone or with every process
/// below it (<see cref="ReadTree"/>: a PHP server's workers, a host's helper processes), so targets that work in several
/// processes are compared fairly.
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

    /// <summary>
    /// The CPU time so far of <paramref name="processId"/> and all its living descendants (found by their parent ids in
    /// <c>/proc/*/stat</c>, field 4), or null when the process is gone. A descendant that ended and was reaped counts in
    /// its parent's own figures no more than here: measure long-lived workers, as a server's are.
    /// </summary>
    public static TimeSpan? ReadTree(int processId)
    {
        if (Read(processId) is not { } own)
        {
            return null;
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == processId)
            {
                continue;
            }

            try
            {
                var parent = ParentOf(File.ReadAllText(Path.Combine(directory, "stat")));
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Ended between the listing and the read.
            }
        }

        var total = own;
        var pending = new Stack<int>(children.GetValueOrDefault(processId) ?? []);
        while (pending.TryPop(out var pid))
        {
            total += Read(pid) ?? TimeSpan.Zero;
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }

        return total;
    }

    /// <summary>Field 4 (ppid) of a stat line.</summary>
    public static int ParentOf(string stat) => int.Parse(Field(stat, 4), CultureInfo.InvariantCulture);

    /// <summary>Parses a stat line's utime and stime.</summary>
    public static TimeSpan Parse(string stat)
    {
        var utime = long.Parse(Field(stat, 14), CultureInfo.InvariantCulture);
        var stime = long.Parse(Field(stat, 15), CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
    }

    /// <summary>Field <paramref name="number"/> (from 3) of a stat line. The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.</summary>
    private static string Field(string stat, int number)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var afterName = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // afterName[0] is field 3 (state), so field n is afterName[n - 3].
        return afterName[number - 3];
    }
}
