namespace NemLogin.LoadTests.Faults;

/// <summary>One fault run: what ran where (machine, load average before and after, commit), each fault's window and figures, and the side writer's ledger.</summary>
public sealed record FaultRunSummary(
    string Target,
    double Rate,
    string Machine,
    string? LoadAverageBefore,
    string? LoadAverageAfter,
    string? Commit,
    DateTimeOffset FinishedAt,
    double SteadySeconds,
    IReadOnlyList<FaultWindow> Windows,
    IReadOnlyList<FaultResult> Results,
    IReadOnlyList<SideWrite> Writes,
    IReadOnlyList<Engine.TimeSeriesPoint> Series)
{
    /// <summary>Every fault recovered within <paramref name="rtoLimit"/> and no acknowledged write was lost.</summary>
    public bool Passed(TimeSpan rtoLimit) =>
        Results.All(r => r.RtoSeconds is { } rto && rto <= rtoLimit.TotalSeconds) && Writes.All(w => w.Found != false);
}
