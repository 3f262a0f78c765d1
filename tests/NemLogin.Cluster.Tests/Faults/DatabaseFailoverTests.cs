using System.Globalization;
using System.Text;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Cluster.Tests.Workload;
using Xunit;

namespace NemLogin.Cluster.Tests.Faults;

/// <summary>
/// The PostgreSQL primary's machine dies (kill -9 of its keeper and server at once) under a steady stream of acknowledged
/// durable writes through both data centres. pg_auto_failover promotes the synchronous standby in DC2, the silos follow
/// it by their multi-host connection string, writes resume within 30 s, and every acknowledged write is there afterwards
/// (RPO 0: a commit returned only once the standby had it). The old primary then rejoins as the standby.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class DatabaseFailoverTests(DatabaseFailoverCluster fixture) : IClassFixture<DatabaseFailoverCluster>
{
    private static readonly string[] Channels = ["DC1", "DC2"];
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ResumeLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SteadyLimit = TimeSpan.FromSeconds(90);

    // Sessions live in Redis: they succeed while PostgreSQL is down and say nothing about the failover.
    private static readonly WriteKind[] InRedis = [WriteKind.Session, WriteKind.SessionEnd, WriteKind.Login];

    [Fact]
    public async Task PrimaryKilled_UnderAcknowledgedWrites_StandbyTakesOverAndNothingIsLost()
    {
        var cluster = fixture.Cluster;
        var formation = cluster.Formation!;
        var cancellationToken = TestContext.Current.CancellationToken;
        var ledger = new Ledger();
        var health = new ChannelHealth();
        var stream = new WriteStream(cluster, ledger, health, logins: false);
        var started = DateTimeOffset.UtcNow;
        DateTimeOffset injected, promoted, healed;
        stream.Start();
        try
        {
            await WaitUntilAsync(() => Task.FromResult(Channels.All(c => health.IsSteady(c, started, Quiet, DateTimeOffset.UtcNow))), SteadyLimit, "writes to succeed steadily");

            // RPO 0 rests on this: the primary waits for the standby ('ANY 1 (…)': a quorum of one) before a commit returns.
            Assert.Equal(["quorum"], await formation.StandbySyncStatesAsync("dc1"));
            injected = DateTimeOffset.UtcNow;
            formation.KillNode("dc1");
            await formation.WaitForStatesAsync(("dc2", "wait_primary"));
            promoted = DateTimeOffset.UtcNow;
            // Writes resume: through every data centre a write begun after the kill is acknowledged.
            await WaitUntilAsync(
                () => Task.FromResult(Channels.All(c => ledger.Attempts.Any(a => a.Via == c && IsDurableAfter(a, injected)))),
                ResumeLimit, "a write begun after the primary's death to be acknowledged through each data centre");
            await WaitUntilAsync(() => Task.FromResult(Channels.All(c => health.IsSteady(c, injected, Quiet, DateTimeOffset.UtcNow))), SteadyLimit, "writes to succeed steadily after the failover");

            formation.RestartNode("dc1");
            await formation.WaitForStatesAsync(("dc2", "primary"), ("dc1", "secondary"));
            healed = DateTimeOffset.UtcNow;
        }
        finally
        {
            await stream.StopAsync();
        }

        // Every silo starts afresh, so what is read back comes from the database, not from a grain still in memory.
        foreach (var silo in cluster.Silos)
        {
            await silo.KillAsync();
            await silo.StartAndWaitReadyAsync(SteadyLimit);
        }

        var problems = await new ReadBack(cluster, ledger).VerifyAsync(cancellationToken);
        var attempts = ledger.Attempts.ToArray();
        var strayErrors = attempts.Where(a => a.Error is not null && (a.End < injected || a.Start > healed)).ToArray();
        var report = Report(attempts, injected, promoted, healed);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (Environment.GetEnvironmentVariable("NEMLOGIN_RELIABILITY_REPORT") is { Length: > 0 } reportFile)
        {
            await File.AppendAllTextAsync(reportFile, report, cancellationToken);
        }

        Assert.True(attempts.Count(a => IsDurableAfter(a, injected)) > 20, "too few writes acknowledged after the failover to prove anything");
        Assert.Contains(attempts, a => a.Kind == WriteKind.ServiceProviderRegistration && a.Acknowledged && a.Start > injected);
        Assert.True(problems.Count == 0, "Acknowledged writes lost or broken after the failover:\n" + string.Join('\n', problems.Take(40)));
        Assert.True(strayErrors.Length == 0, "Errors outside the failover:\n" + string.Join('\n', strayErrors.Take(20)));
    }

    private static bool IsDurableAfter(Attempt attempt, DateTimeOffset instant) =>
        attempt.Acknowledged && attempt.Start > instant && !InRedis.Contains(attempt.Kind);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited {limit.TotalSeconds} s for {what}.");
            await Task.Delay(200);
        }
    }

    private static string Report(Attempt[] attempts, DateTimeOffset injected, DateTimeOffset promoted, DateTimeOffset healed)
    {
        var text = new StringBuilder();
        text.AppendLine("PostgreSQL primary (DC1) killed; pg_auto_failover promoted the DC2 standby:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  writes: {attempts.Length} attempted, {attempts.Count(a => a.Acknowledged)} acknowledged, {attempts.Count(a => a.Error is not null)} failed");
        text.AppendLine(CultureInfo.InvariantCulture, $"  standby promoted (wait_primary) after {S(promoted - injected)}; old primary back as standby after {S(healed - injected)}");
        foreach (var channel in Channels)
        {
            var failed = attempts.Where(a => a.Via == channel && a.Error is not null).Select(a => a.End - injected).DefaultIfEmpty(TimeSpan.Zero).Max();
            var resumed = attempts.Where(a => a.Via == channel && IsDurableAfter(a, injected)).Select(a => a.End - injected).DefaultIfEmpty(TimeSpan.Zero).Min();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {channel} client: first durable write acknowledged after the kill at {S(resumed)}, last failure at {S(failed)}, {attempts.Count(a => a.Via == channel && a.Error is not null)} failures");
        }

        return text.ToString();

        static string S(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }
}
