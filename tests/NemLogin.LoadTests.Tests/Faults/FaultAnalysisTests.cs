using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Faults;
using Xunit;

namespace NemLogin.LoadTests.Tests.Faults;

public sealed class FaultAnalysisTests
{
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(3);

    // One point per second from 0 s: (ok, failed) logins that ended in that second.
    private static List<TimeSeriesPoint> Series(params (long Ok, long Fail)[] seconds) =>
        [.. seconds.Select((s, i) => new TimeSeriesPoint(i, 1, 10, s.Ok, s.Fail, 5, 9, 12, 20))];

    private static FaultWindow Window(double injected, double ends) => new("postgres-primary", injected, injected + 5, null, injected + 20, injected + 40, ends, []);

    [Fact]
    public void Rto_IsFromInjectionToTheEndOfTheLastFailureBeforeHealing()
    {
        // Injected at 2.5 s; failures in seconds 3-7, a lone success at 8, a failure at 9, steady from 10 on.
        var series = Series((10, 0), (10, 0), (10, 0), (2, 8), (0, 10), (0, 10), (0, 10), (1, 9), (10, 0), (9, 1), (10, 0), (10, 0), (10, 0), (10, 0));

        var result = FaultAnalysis.Analyse(Window(2.5, 14), series, [], Steady);

        Assert.Equal(10 - 2.5, result.RtoSeconds);
        Assert.Equal(10 - 2.5, result.LastFailureSeconds);
        Assert.Equal(8 + 10 + 10 + 10 + 9 + 1, result.LoginsFailed);
        Assert.Equal(2 + 1 + 10 + 9 + 40 + 10, result.LoginsOk);
    }

    [Fact]
    public void FailuresWhileHealing_AreNotTheOutage()
    {
        // Injected at 0 s, healing began at 20 s (Window): a failure at 25 s counts as a failed login, not as recovery time.
        var seconds = Enumerable.Repeat((10L, 0L), 30).ToArray();
        seconds[1] = (0, 10);
        seconds[25] = (9, 1);

        var result = FaultAnalysis.Analyse(Window(0, 30), Series(seconds), [], Steady);

        Assert.Equal(2, result.RtoSeconds);
        Assert.Equal(26, result.LastFailureSeconds);
        Assert.Equal(11, result.LoginsFailed);
    }

    [Fact]
    public void SteadyUntilHealingBegan_IsRecovery()
    {
        // Healing began at 6 s, two good seconds after the outage: shorter than --steady, but the live watch healed on it.
        var window = new FaultWindow("redis-master", 0, 1, 3, 6, 8, 10, []);

        var result = FaultAnalysis.Analyse(window, Series((0, 9), (0, 9), (1, 9), (0, 9), (10, 0), (10, 0), (2, 8), (10, 0), (10, 0), (10, 0)), [], Steady);

        Assert.Equal(4, result.RtoSeconds);
        Assert.Equal(7, result.LastFailureSeconds);
    }

    [Fact]
    public void HealingBeganInsideASecond_ItsFailuresAreNotTheOutage()
    {
        // Healing began at 6.3 s: the point of second 6 ends after it and holds the returning master's refusals, as do the
        // seconds after. Logins were good from 4 s to the last second that ended before healing (run G's shape, where
        // the analysis printed "not recovered" while the live watch had seen logins steady).
        var window = new FaultWindow("partition", 0, 1, 3, 6.3, 8, 10, []);

        var result = FaultAnalysis.Analyse(window, Series((0, 9), (0, 9), (1, 9), (0, 9), (10, 0), (10, 0), (2, 8), (2, 8), (2, 8), (2, 8)), [], Steady);

        Assert.Equal(4, result.RtoSeconds);
        Assert.Equal(10, result.LastFailureSeconds);
    }

    [Fact]
    public void NoFailure_RtoIsZero()
    {
        var result = FaultAnalysis.Analyse(Window(1.2, 8), Series((10, 0), (10, 0), (10, 0), (10, 0), (10, 0), (10, 0), (10, 0), (10, 0)), [], Steady);

        Assert.Equal(0, result.RtoSeconds);
        Assert.Null(result.LastFailureSeconds);
        Assert.Equal(0, result.LoginsFailed);
    }

    [Fact]
    public void NoLoginAtAll_IsNotRecovery()
    {
        // A stall (nothing completes, nothing fails) is not "succeeding steadily".
        var result = FaultAnalysis.Analyse(Window(0, 6), Series((0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0)), [], Steady);

        Assert.Null(result.RtoSeconds);
    }

    [Fact]
    public void NeverSteadyWithinTheWindow_IsNotRecovered()
    {
        // Steady only after the window ended (the next fault's injection at 4 s): not this fault's recovery.
        var result = FaultAnalysis.Analyse(Window(0, 4), Series((0, 5), (0, 5), (10, 0), (10, 0), (10, 0), (10, 0), (10, 0)), [], Steady);

        Assert.Null(result.RtoSeconds);
    }

    [Fact]
    public void Writes_CountInTheWindowTheyStartedIn_LostMeansAcknowledgedAndNotFound()
    {
        var writes = new List<SideWrite>
        {
            new(SideWrite.ServiceProvider, "before", 1, 2, true, null) { Found = true },
            new(SideWrite.ServiceProvider, "found", 5, 6, true, null) { Found = true },
            new(SideWrite.ServiceProvider, "lost", 6, 7, true, null) { Found = false },
            new(SideWrite.ServiceProvider, "refused", 7, 8, false, "503"),
            new(SideWrite.Mandate, "unknown", 8, 9, true, null),
            new(SideWrite.Session, "after", 30, 31, true, null) { Found = false },
        };

        var result = FaultAnalysis.Analyse(Window(4, 20), Series((10, 0)), writes, Steady);

        Assert.Equal(new WriteCount(SideWrite.ServiceProvider, 3, 2, 1, 0), result.Writes.Single(w => w.Kind == SideWrite.ServiceProvider));
        Assert.Equal(new WriteCount(SideWrite.Mandate, 1, 1, 0, 1), result.Writes.Single(w => w.Kind == SideWrite.Mandate));
        Assert.Equal(new WriteCount(SideWrite.Session, 0, 0, 0, 0), result.Writes.Single(w => w.Kind == SideWrite.Session));
        Assert.Equal(1, result.Lost);
    }
}
