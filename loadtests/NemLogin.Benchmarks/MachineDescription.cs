using System.Runtime.InteropServices;

namespace NemLogin.Benchmarks;

internal static class MachineDescription
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim() : "?";
        return $"{RuntimeInformation.OSDescription}; {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}; {Environment.ProcessorCount} logical cores; {memory} memory; .NET {Environment.Version}";
    }
}
