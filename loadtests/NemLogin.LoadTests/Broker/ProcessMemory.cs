using System.Globalization;

namespace NemLogin.LoadTests.Broker;

/// <summary>
/// A process's resident set (the working set: pages in RAM) from <c>/proc/&lt;pid&gt;/status</c>, so the broker's memory
/// can be followed from outside through a run (proc(5): the <c>VmRSS</c> line, in kB).
/// </summary>
public static class ProcessMemory
{
    /// <summary>The resident set in bytes, or null when the process is gone or not readable.</summary>
    public static long? ReadResidentBytes(int processId)
    {
        try
        {
            return Parse(File.ReadLines($"/proc/{processId}/status"));
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

    /// <summary>The <c>VmRSS</c> figure of a status file's lines, in bytes; null when the line is missing (a kernel thread).</summary>
    public static long? Parse(IEnumerable<string> statusLines)
    {
        ArgumentNullException.ThrowIfNull(statusLines);
        foreach (var line in statusLines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var fields = line["VmRSS:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(fields[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
