using System.Globalization;

namespace NemLogin.LoadTests.Broker;

/// <summary>
/// All CPU time the machine spent, from the first line of <c>/proc/stat</c> (proc(5): user nice system idle iowait irq
/// softirq steal, in clock ticks), so a report can say whether other processes shared the cores with the run.
/// </summary>
public static class MachineCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>Busy and total CPU time so far, summed over all cores; null where /proc/stat is not readable.</summary>
    public static (TimeSpan Busy, TimeSpan Total)? Read()
    {
        try
        {
            return Parse(File.ReadLines("/proc/stat").First());
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

    public static (TimeSpan Busy, TimeSpan Total) Parse(string cpuLine)
    {
        ArgumentNullException.ThrowIfNull(cpuLine);
        var ticks = cpuLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + ticks[4];
        var total = ticks.Sum();
        return (TimeSpan.FromSeconds((total - idle) / TicksPerSecond), TimeSpan.FromSeconds(total / TicksPerSecond));
    }
}
