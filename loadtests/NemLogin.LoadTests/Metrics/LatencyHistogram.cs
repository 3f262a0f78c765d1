using HdrHistogram;

namespace NemLogin.LoadTests.Metrics;

/// <summary>
/// A thread-safe HdrHistogram of latencies in microseconds, 1 µs to 10 minutes at three significant digits (every
/// reported percentile is within 0.1 % of the recorded value). Longer values are clamped to the maximum.
/// </summary>
public sealed class LatencyHistogram
{
    private const long HighestMicroseconds = 10 * 60 * 1_000_000L;
    private readonly LongHistogram _histogram = new(1, HighestMicroseconds, 3);
    private readonly Lock _lock = new();

    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp((long)Math.Round(latency.TotalMicroseconds), 1, HighestMicroseconds);
        lock (_lock)
        {
            _histogram.RecordValue(micros);
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _histogram.Reset();
        }
    }

    /// <summary>Adds this histogram's values into <paramref name="target"/>.</summary>
    public void AddTo(LatencyHistogram target)
    {
        ArgumentNullException.ThrowIfNull(target);
        HistogramBase copy;
        lock (_lock)
        {
            copy = _histogram.Copy();
        }

        lock (target._lock)
        {
            target._histogram.Add(copy);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_lock)
        {
            return Summarize(_histogram);
        }
    }

    /// <summary>Summarizes and empties in one step, so no value is counted twice or lost between the two.</summary>
    public LatencySummary SummarizeAndReset()
    {
        lock (_lock)
        {
            var summary = Summarize(_histogram);
            _histogram.Reset();
            return summary;
        }
    }

    private static LatencySummary Summarize(LongHistogram histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.LowestEquivalentValue(histogram.RecordedValues().First().ValueIteratedTo)),
            histogram.GetMean() / 1000.0,
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(75)),
            Ms(histogram.GetValueAtPercentile(95)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetMaxValue()));
    }

    private static double Ms(long micros) => micros / 1000.0;
}
