namespace NemLogin.LoadTests.Engine;

/// <summary>One point of a scenario's time series: iterations completed in [At, At + Width) and their latencies.</summary>
public sealed record TimeSeriesPoint(
    double AtSeconds,
    double WidthSeconds,
    double TargetRate,
    long Ok,
    long Fail,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs)
{
    public double Rps => (Ok + Fail) / WidthSeconds;

    public double OkRps => Ok / WidthSeconds;

    public double FailRps => Fail / WidthSeconds;
}
