namespace NemLogin.Benchmarks;

/// <summary>One row of the report: what was measured, how many signatures in how long.</summary>
internal sealed record Measurement(string What, int Parallelism, long Signatures, TimeSpan Elapsed)
{
    public double PerSecond => Signatures / Elapsed.TotalSeconds;
}
