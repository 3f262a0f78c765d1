namespace NemLogin.LoadTests.Metrics;

/// <summary>Latency percentiles in milliseconds over a number of recorded values (all zero when nothing was recorded).</summary>
public sealed record LatencySummary(
    long Count,
    double MinMs,
    double MeanMs,
    double P50Ms,
    double P75Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
