using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace NemLogin.LoadTests.Profiling;

/// <summary>Reads a recorded .nettrace and sums its working samples and allocation ticks into a <see cref="HotPathProfile"/>.</summary>
public static class ProfileAnalyzer
{
    private const string SampleProvider = "Microsoft-DotNETCore-SampleProfiler";
    private const string OwnCode = "NemLogin.";
    private const int Top = 25;
    private const int CallerDepth = 4;

    /// <param name="nettraceFile">The recording.</param>
    /// <param name="callersOf">Also sum, for the working samples with a frame containing this text, the frames that called it.</param>
    public static HotPathProfile Analyze(string nettraceFile, string? callersOf = null)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(nettraceFile);
        try
        {
            using var log = new TraceLog(etlx);
            var stacks = new List<IReadOnlyList<string>>();
            var allocations = new List<AllocationSample>();
            foreach (var sample in log.Events)
            {
                if (sample is GCAllocationTickTraceData tick)
                {
                    allocations.Add(new AllocationSample(tick.TypeName ?? "?", tick.AllocationAmount64, Frames(tick.CallStack())));
                    continue;
                }

                if (sample.ProviderName != SampleProvider || sample.CallStack() is not { } stack)
                {
                    continue;
                }

                stacks.Add(Frames(stack));
            }

            return WithAllocations(Summarize(stacks, callersOf), allocations);
        }
        finally
        {
            File.Delete(etlx);
        }
    }

    /// <summary>
    /// Sums stacks (top frame first) into categories, busiest own frames (inclusive) and busiest frames (exclusive); with
    /// <paramref name="callersOf"/>, also the call paths that led to the first frame containing that text.
    /// </summary>
    public static HotPathProfile Summarize(IEnumerable<IReadOnlyList<string>> stacks, string? callersOf = null)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        long busy = 0, idle = 0;
        var categories = new Dictionary<string, long>(StringComparer.Ordinal);
        var inclusive = new Dictionary<string, long>(StringComparer.Ordinal);
        var exclusive = new Dictionary<string, long>(StringComparer.Ordinal);
        var callers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var frames in stacks)
        {
            if (HotPathCategories.IsIdle(frames))
            {
                idle++;
                continue;
            }

            busy++;
            Add(categories, HotPathCategories.Categorize(frames));
            Add(exclusive, frames[0]);
            foreach (var own in OwnFrames(frames))
            {
                Add(inclusive, own);
            }

            if (!string.IsNullOrEmpty(callersOf) && CallPath(frames, callersOf) is { } path)
            {
                Add(callers, path);
            }
        }

        return new HotPathProfile(busy, idle, Ordered(categories, int.MaxValue), Ordered(inclusive, Top), Ordered(exclusive, Top))
        {
            CallersOf = string.IsNullOrEmpty(callersOf) ? null : callersOf,
            Callers = Ordered(callers, Top),
        };
    }

    /// <summary>Allocation ticks summed by type and by the project's frame nearest each allocation (test seam of <see cref="Analyze"/>).</summary>
    public static HotPathProfile WithAllocations(HotPathProfile profile, IEnumerable<AllocationSample> ticks)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var allocations = ticks.ToList();
        return profile with
        {
            AllocatedBytes = allocations.Sum(a => a.Bytes),
            TopAllocatedTypes = Ordered(Sum(allocations.Select(a => (a.Type, a.Bytes))), Top),
            TopAllocatingOwnFrames = Ordered(Sum(allocations.Select(a => (OwnFrames(a.Frames).FirstOrDefault() ?? "(no frame of ours)", a.Bytes))), Top),
        };
    }

    /// <summary>
    /// The frames below the first one containing <paramref name="text"/>: its next <see cref="CallerDepth"/> callers, then
    /// the nearest frame of the project's own code further down (if not among them), joined with " ← ".
    /// </summary>
    private static string? CallPath(IReadOnlyList<string> frames, string text)
    {
        var at = -1;
        for (var i = 0; i < frames.Count && at < 0; i++)
        {
            at = frames[i].Contains(text, StringComparison.Ordinal) ? i : -1;
        }

        if (at < 0)
        {
            return null;
        }

        var path = frames.Skip(at + 1).Take(CallerDepth).ToList();
        if (!path.Any(f => f.StartsWith(OwnCode, StringComparison.Ordinal))
            && frames.Skip(at + 1 + CallerDepth).FirstOrDefault(f => f.StartsWith(OwnCode, StringComparison.Ordinal)) is { } own)
        {
            path.Add("…");
            path.Add(own);
        }

        return path.Count == 0 ? "(no caller)" : string.Join(" ← ", path);
    }

    private static IEnumerable<string> OwnFrames(IReadOnlyList<string> frames) =>
        frames.Where(f => f.StartsWith(OwnCode, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);

    private static List<string> Frames(TraceCallStack? stack)
    {
        var frames = new List<string>();
        for (var frame = stack; frame is not null; frame = frame.Caller)
        {
            frames.Add(Shorten(frame.CodeAddress.FullMethodName));
        }

        return frames;
    }

    private static Dictionary<string, long> Sum(IEnumerable<(string Key, long Amount)> amounts)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, amount) in amounts)
        {
            sums[key] = sums.GetValueOrDefault(key) + amount;
        }

        return sums;
    }

    private static void Add(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static List<(string, long)> Ordered(Dictionary<string, long> counts, int take) =>
        [.. counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(take).Select(kv => (kv.Key, kv.Value))];

    /// <summary>A frame without its parameter list (and async state machines read as their method), "?" when unnamed.</summary>
    private static string Shorten(string? method)
    {
        if (string.IsNullOrEmpty(method))
        {
            return "?";
        }

        var parameters = method.IndexOf('(', StringComparison.Ordinal);
        var name = parameters > 0 ? method[..parameters] : method;
        return name.Replace(">d__", "#", StringComparison.Ordinal);
    }
}
