using NemLogin.LoadTests.Progress;

namespace NemLogin.LoadTests.Faults;

/// <summary>
/// The live display of a fault run: keeps the engine's running totals (completed and failed logins) by time so the
/// fault loop can tell when logins succeed steadily again, and prints a line every few seconds.
/// </summary>
public sealed class RecoveryWatch(TextWriter output) : IProgressDisplay
{
    private static readonly TimeSpan PrintEvery = TimeSpan.FromSeconds(10);
    private readonly List<(double At, long Ok, long Fail)> _totals = [];
    private readonly Lock _lock = new();
    private TimeSpan _lastPrinted = TimeSpan.FromSeconds(-10);

    public Task<T> RunAsync<T>(Func<Action<ProgressSnapshot>, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body(Observe);
    }

    private void Observe(ProgressSnapshot snapshot)
    {
        if (snapshot.Stage != "run")
        {
            return;
        }

        var ok = snapshot.Scenarios.Sum(s => s.Ok);
        var fail = snapshot.Scenarios.Sum(s => s.Fail);
        lock (_lock)
        {
            _totals.Add((snapshot.Elapsed.TotalSeconds, ok, fail));
        }

        if (snapshot.Elapsed - _lastPrinted >= PrintEvery)
        {
            _lastPrinted = snapshot.Elapsed;
            output.WriteLine($"  [{snapshot.Elapsed.TotalSeconds,6:0}s] logins ok {ok}, failed {fail}, in flight {snapshot.Scenarios.Sum(s => s.InFlight)}");
        }
    }

    /// <summary>
    /// Logins completed and none failed over the last <paramref name="steady"/>, all of it after <paramref name="since"/>
    /// (run clock, seconds).
    /// </summary>
    public bool Steady(double since, TimeSpan steady)
    {
        lock (_lock)
        {
            if (_totals.Count == 0)
            {
                return false;
            }

            var last = _totals[^1];
            var from = last.At - steady.TotalSeconds;
            if (from < since)
            {
                return false;
            }

            var first = _totals.LastOrDefault(t => t.At <= from);
            return first != default && last.Ok > first.Ok && last.Fail == first.Fail;
        }
    }
}
