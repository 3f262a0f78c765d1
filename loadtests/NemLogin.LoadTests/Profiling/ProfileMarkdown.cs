using System.Globalization;
using System.Text;

namespace NemLogin.LoadTests.Profiling;

/// <summary><c>broker-profile.md</c>: the hot path of the measured run as tables.</summary>
public static class ProfileMarkdown
{
    public static string Write(HotPathProfile profile, string process)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var md = new StringBuilder();
        md.AppendLine($"# Where the {process}'s CPU went").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"EventPipe sample profile: {profile.BusySamples:N0} samples of working threads ({profile.IdleSamples:N0} waiting ones left out). ")
            .AppendLine("Each sample goes to the first category found from the top of its stack; native work is charged to the managed call that led to it.").AppendLine();
        Table(md, "category", profile.Categories, profile.BusySamples);
        md.AppendLine().AppendLine("## Busiest frames of the project's own code (inclusive)").AppendLine();
        Table(md, "frame", profile.TopOwnFramesInclusive, profile.BusySamples);
        md.AppendLine().AppendLine("## Busiest frames (exclusive)").AppendLine();
        Table(md, "frame", profile.TopFramesExclusive, profile.BusySamples);
        return md.ToString();
    }

    private static void Table(StringBuilder md, string what, IReadOnlyList<(string Name, long Samples)> rows, long total)
    {
        md.AppendLine($"| {what} | samples | share |").AppendLine("| --- | ---: | ---: |");
        foreach (var (name, samples) in rows)
        {
            var share = total == 0 ? 0 : samples * 100.0 / total;
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{name.Replace("|", "\\|", StringComparison.Ordinal)}` | {samples:N0} | {share:0.0} % |");
        }
    }
}
