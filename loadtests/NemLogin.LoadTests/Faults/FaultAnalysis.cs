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

        // Only points that ended before healing began tell about the outage: the point healing began in also holds
        // failures that healing causes (e.g. writes to a returning master, refused), which are no part of it.
        var beforeHealing = inWindow.Where(p => p.AtSeconds + p.WidthSeconds <= window.HealStartedAt).ToList();
        // The outage ends with the last such point in which a login failed or none completed (a stall is no recovery
        // either); it counts as recovered only if logins then succeeded for a steady stretch.
        var lastBad = beforeHealing.LastOrDefault(p => p.Fail > 0 || p.Ok == 0);
        var outageEnd = lastBad is null ? window.InjectedAt : lastBad.AtSeconds + lastBad.WidthSeconds;
        // Steady: the stretch of good points lasts --steady, or lasts until healing began (the live watch saw it steady
        // on its own clock and healed).
        var stretch = inWindow.Where(p => p.AtSeconds + p.WidthSeconds > outageEnd && p.AtSeconds >= outageEnd - (p.WidthSeconds / 2))
            .TakeWhile(p => p.Fail == 0 && p.Ok > 0)
            .ToList();
        // "Until healing began": up to the point healing began in.
        var recovered = stretch.Sum(p => p.WidthSeconds) >= steady.TotalSeconds
            || (stretch.Count > 0 && stretch[^1].AtSeconds + (2 * stretch[^1].WidthSeconds) > window.HealStartedAt);
        double? rto = recovered ? Math.Max(0, outageEnd - window.InjectedAt) : null;

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
