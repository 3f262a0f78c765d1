using NemLogin.LoadTests.Engine;

namespace NemLogin.LoadTests.Faults;

/// <summary>
/// Turns the load runner's time series (one point per bucket, counted when iterations ended) and the side writer's
/// ledger into each fault's RTO, failed logins and RPO. A pure function of recorded data, so the figures can be
/// recomputed and tested without a cluster.
/// </summary>
public static class FaultAnalysis
{
    public static FaultResult Analyse(FaultWindow window, IReadOnlyList<TimeSeriesPoint> series, IReadOnlyList<SideWrite> writes, TimeSpan steady)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(writes);
        var inWindow = series
            .Where(p => p.AtSeconds + p.WidthSeconds > window.InjectedAt && p.AtSeconds < window.EndsAt)
            .OrderBy(p => p.AtSeconds)
            .ToList();

        double? rto = null;
        for (var i = 0; i < inWindow.Count && rto is null; i++)
        {
            var covered = 0.0;
            var j = i;
            while (j < inWindow.Count && covered < steady.TotalSeconds && inWindow[j].Fail == 0 && inWindow[j].Ok > 0)
            {
                covered += inWindow[j].WidthSeconds;
                j++;
            }

            if (covered >= steady.TotalSeconds)
            {
                rto = Math.Max(0, inWindow[i].AtSeconds - window.InjectedAt);
            }
        }

        var failed = inWindow.Where(p => p.Fail > 0).ToList();
        double? lastFailure = failed.Count == 0 ? null : failed.Max(p => p.AtSeconds + p.WidthSeconds) - window.InjectedAt;
        var counts = SideWrite.Kinds.Select(kind =>
        {
            var mine = writes.Where(w => w.Kind == kind && w.StartedAt >= window.InjectedAt && w.StartedAt < window.EndsAt).ToList();
            return new WriteCount(
                kind,
                mine.Count,
                mine.Count(w => w.Acknowledged),
                mine.Count(w => w.Acknowledged && w.Found == false),
                mine.Count(w => w.Acknowledged && w.Found is null));
        }).ToList();
        return new FaultResult(
            window.Name,
            window.InjectedAt,
            rto,
            lastFailure,
            window.HealedAt - window.InjectedAt,
            inWindow.Sum(p => p.Ok),
            inWindow.Sum(p => p.Fail),
            counts);
    }
}
