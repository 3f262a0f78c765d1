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
        if (profile.CallersOf is { } callersOf)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## Callers of `{callersOf}`").AppendLine();
            md.AppendLine("Working samples with a frame containing that text, by the frames that called the first such frame (nearest first; `…` skips to the nearest frame of the project's own code).").AppendLine();
            Table(md, "call path", profile.Callers, profile.BusySamples);
        }

        if (profile.AllocatedBytes > 0)
        {
            md.AppendLine().AppendLine("## Allocations").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"The GC's allocation ticks ({profile.AllocatedBytes / 1_048_576.0:N0} MB sampled: one tick, with its stack, per about 100 KB allocated) ")
                .AppendLine("by the type that crossed a tick, and by the frame of the project's own code nearest the allocation. Divide by the logins of the recorded window for bytes per login.").AppendLine();
            Table(md, "type", profile.TopAllocatedTypes, profile.AllocatedBytes, "bytes");
            md.AppendLine();
            Table(md, "frame", profile.TopAllocatingOwnFrames, profile.AllocatedBytes, "bytes");
        }

        return md.ToString();
    }

    private static void Table(StringBuilder md, string what, IReadOnlyList<(string Name, long Samples)> rows, long total, string unit = "samples")
    {
        md.AppendLine($"| {what} | {unit} | share |").AppendLine("| --- | ---: | ---: |");
        foreach (var (name, samples) in rows)
        {
            var share = total == 0 ? 0 : samples * 100.0 / total;
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{name.Replace("|", "\\|", StringComparison.Ordinal)}` | {samples:N0} | {share:0.0} % |");
        }
    }
}
