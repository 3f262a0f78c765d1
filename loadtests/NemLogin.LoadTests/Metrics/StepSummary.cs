namespace NemLogin.LoadTests.Metrics;

/// <summary>Counts and latencies of one step (or of whole iterations, for a scenario) at the moment it was taken.</summary>
public sealed record StepSummary(
    string Name,
    long Ok,
    long Fail,
    IReadOnlyDictionary<string, long> Statuses,
    long Bytes,
    LatencySummary Latency,
    LatencySummary FailLatency,
    IReadOnlyDictionary<string, string> SampleReasons)
{
    public long Total => Ok + Fail;

    public double FailPercent => Total == 0 ? 0 : Fail * 100.0 / Total;
}
