using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NemLogin.Benchmarks;

/// <summary><c>openssl speed -seconds 3 rsa2048</c>: the CPU's own RSA-2048 signing rate on one core, the physical limit.</summary>
internal static partial class OpenSslSpeed
{
    public static (double SignsPerSecond, string Line)? Run()
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "speed", "-seconds", "3", "rsa2048" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = ResultLine().Match(output);
        return match.Success ? (double.Parse(match.Groups["sign"].Value, CultureInfo.InvariantCulture), match.Value.Trim()) : null;
    }

    // "rsa 2048 bits 0.000213s 0.000006s   4693.2 158906.1"
    [GeneratedRegex(@"^rsa\s+2048 bits\s+\S+\s+\S+\s+(?<sign>[\d.]+)\s+(?<verify>[\d.]+)", RegexOptions.Multiline)]
    private static partial Regex ResultLine();
}
