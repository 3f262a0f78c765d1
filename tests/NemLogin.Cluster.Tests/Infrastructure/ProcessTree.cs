using System.Globalization;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>A process and everything it started, read from /proc (a supervisor such as pg_autoctl and its services).</summary>
internal static class ProcessTree
{
    /// <summary><paramref name="root"/> and its descendants that are alive now.</summary>
    public static IReadOnlyList<int> Of(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(directory) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
        }

        var tree = new List<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            tree.Add(pid);
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }

        return tree.Where(Signals.IsAlive).ToArray();
    }

    /// <summary>
    /// kill -9 of every process of the tree as one event: the tree is frozen first (SIGSTOP), so no supervisor restarts
    /// a child between the kills, as a machine that loses power restarts nothing.
    /// </summary>
    public static void KillAll(IEnumerable<int> pids)
    {
        var frozen = pids.Distinct().ToArray();
        foreach (var pid in frozen)
        {
            TrySignal(pid, Signals.Stop);
        }

        foreach (var pid in frozen)
        {
            TrySignal(pid, Signals.Kill);
        }
    }

    private static void TrySignal(int pid, int signal)
    {
        try
        {
            Signals.Send(pid, signal);
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }

    private static int? ParentOf(string procDirectory)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
