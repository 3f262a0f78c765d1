namespace NemLogin.LoadTests.Metrics;

/// <summary>Completed iterations of a scenario within one window of time, with the OK iterations' latencies.</summary>
public sealed record WindowSample(long Ok, long Fail, LatencySummary Latency)
{
    public long Total => Ok + Fail;

    public double FailPercent => Total == 0 ? 0 : Fail * 100.0 / Total;
}
