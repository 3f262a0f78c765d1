using System.Diagnostics;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A shell loop that outlives a crashed or timed-out test process: once that process is gone it kills every pid the
/// tests recorded, stops the PostgreSQL servers they started, and removes their folders. Normal runs clean up
/// themselves first and leave the watchdog nothing to do.
/// </summary>
internal static class Watchdog
{
    private static readonly object Gate = new();
    private static string? _folder;

    public static string Folder
    {
        get
        {
            lock (Gate)
            {
                return _folder ??= Start();
            }
        }
    }

    public static void Track(int pid)
    {
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(Folder, "pids"), pid + Environment.NewLine);
        }
    }

    public static void TrackPostgres(string dataDirectory)
    {
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(Folder, "postgres"), dataDirectory + Environment.NewLine);
        }
    }

    public static void TrackFolder(string folder)
    {
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(Folder, "folders"), folder + Environment.NewLine);
        }
    }

    /// <summary>After a normal clean-up: nothing is left to kill, and a recycled pid must never be hit.</summary>
    public static void Forget()
    {
        lock (Gate)
        {
            if (_folder is not null)
            {
                foreach (var list in new[] { "pids", "postgres", "folders" })
                {
                    File.WriteAllText(Path.Combine(_folder, list), "");
                }
            }
        }
    }

    private static string Start()
    {
        var folder = Directory.CreateTempSubdirectory("nemlogin-watchdog-").FullName;
        File.WriteAllText(Path.Combine(folder, "pids"), "");
        File.WriteAllText(Path.Combine(folder, "postgres"), "");
        File.WriteAllText(Path.Combine(folder, "folders"), "");
        const string Script = """
            parent="$1"; dir="$2"
            while kill -0 "$parent" 2>/dev/null; do sleep 2; done
            while read -r pid; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; done < "$dir/pids"
            while read -r data; do
              [ -n "$data" ] && [ -f "$data/postmaster.pid" ] && kill -9 "$(head -1 "$data/postmaster.pid")" 2>/dev/null
            done < "$dir/postgres"
            sleep 1
            while read -r f; do [ -n "$f" ] && rm -rf "$f"; done < "$dir/folders"
            rm -rf "$dir"
            """;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "bash", "-c", Script, "watchdog", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), folder })
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardInput = true;
        Process.Start(start);
        return folder;
    }
}
