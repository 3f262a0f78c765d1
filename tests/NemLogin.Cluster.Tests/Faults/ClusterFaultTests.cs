using System.Globalization;
using System.Text;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Cluster.Tests.Workload;
using Xunit;

namespace NemLogin.Cluster.Tests.Faults;

/// <summary>
/// Fault classes (docs/security.md, "Faults"): a silo killed (kill -9), a whole data centre killed, PostgreSQL restarted,
/// Redis restarted, a silo paused beyond failure detection and resumed (split brain: the paused silo still believes it
/// hosts its grains), and an orderly silo stop. All under a steady stream of acknowledged writes through both data
/// centres; afterwards everything is read back through both. Nothing acknowledged may be lost, nothing deleted may come
/// back, no one-time ID may be redeemed twice, and errors may only happen while a fault is in force.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFaultTests(ClusterUnderTest cluster)
{
    private static readonly string[] AllChannels = ["DC1", "DC2", "gateway-DC1", "gateway-DC2"];
    private static readonly string[] Dc2Channels = ["DC2", "gateway-DC2"];
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SteadyLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Faults_UnderSteadyAcknowledgedWrites_LoseNothingAndRecover()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ledger = new Ledger();
        var health = new ChannelHealth();
        var stream = new WriteStream(cluster, ledger, health);
        var windows = new List<FaultWindow>();
        var started = DateTimeOffset.UtcNow;
        stream.Start();
        try
        {
            await WaitSteadyAsync(health, AllChannels, started);
            var dc1a = cluster.SilosOf("DC1").First();
            var dc1 = cluster.SilosOf("DC1").ToArray();
            var dc2a = cluster.SilosOf("DC2").First();
            var dc2b = cluster.SilosOf("DC2").Last();

            windows.Add(await FaultAsync("kill -9 of one silo (DC1)", ledger, health, AllChannels,
                inject: () => dc1a.KillAsync(),
                heal: () => dc1a.StartAndWaitReadyAsync(SteadyLimit)));

            windows.Add(await FaultAsync("kill -9 of both DC1 silos", ledger, health, Dc2Channels,
                inject: () => Task.WhenAll(dc1.Select(s => s.KillAsync())),
                heal: () => Task.WhenAll(dc1.Select(s => s.StartAndWaitReadyAsync(SteadyLimit)))));

            windows.Add(await FaultAsync("PostgreSQL restart", ledger, health, AllChannels,
                inject: async () =>
                {
                    await cluster.Postgres.StopServerAsync();
                    await ExpectNotReadyAsync(cluster.Silos[0], "postgresql");
                    await cluster.Postgres.StartServerAsync();
                },
                heal: () => Task.CompletedTask));

            windows.Add(await FaultAsync("Redis restart", ledger, health, AllChannels,
                inject: async () =>
                {
                    await cluster.Redis.StopServerAsync();
                    await ExpectNotReadyAsync(cluster.Silos[0], "redis");
                    await ExpectNotReadyAsync(cluster.Gateway("DC1"), "redis");
                    await cluster.Redis.StartServerAsync();
                },
                heal: () => Task.CompletedTask));

            windows.Add(await FaultAsync("SIGSTOP of one silo (DC2) past failure detection, then SIGCONT", ledger, health, AllChannels,
                inject: async () =>
                {
                    dc2a.Process!.Signal(Signals.Stop);
                    await WaitUntilAsync(async () => await cluster.MemberStatusAsync(dc2a) == 6, "the paused silo to be declared dead");
                    dc2a.Process.Signal(Signals.Continue);
                    // A silo that finds itself declared dead stops itself; it must not go on serving.
                    if (!await dc2a.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)))
                    {
                        await dc2a.KillAsync();
                        Assert.Fail("The resumed silo kept running after it had been declared dead.");
                    }
                },
                heal: () => dc2a.StartAndWaitReadyAsync(SteadyLimit)));

            windows.Add(await FaultAsync("orderly stop (SIGTERM) of one silo (DC2)", ledger, health, AllChannels,
                inject: async () =>
                {
                    dc2b.Process!.Signal(Signals.Terminate);
                    Assert.True(await dc2b.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)), "SIGTERM did not stop the silo within 20 s");
                    Assert.Equal(0, dc2b.Process.ExitCode);
                },
                heal: () => dc2b.StartAndWaitReadyAsync(SteadyLimit)));
        }
        finally
        {
            await stream.StopAsync();
        }

        var problems = await new ReadBack(cluster, ledger).VerifyAsync(cancellationToken);
        var attempts = ledger.Attempts.ToArray();
        var strayErrors = attempts.Where(a => a.Error is not null && !windows.Any(w => w.Contains(a.Start, a.End))).ToArray();
        var refusedFresh = attempts.Where(a => a.Error?.Contains("already used", StringComparison.Ordinal) == true).ToArray();
        var report = Report(windows, attempts, ledger);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (Environment.GetEnvironmentVariable("NEMLOGIN_RELIABILITY_REPORT") is { Length: > 0 } reportFile)
        {
            await File.WriteAllTextAsync(reportFile, report, cancellationToken);
        }

        Assert.True(attempts.Count(a => a.Acknowledged) > 500, $"too few acknowledged writes to prove anything: {attempts.Count(a => a.Acknowledged)}");
        Assert.All(Enum.GetValues<WriteKind>(), kind => Assert.Contains(attempts, a => a.Kind == kind && a.Acknowledged));
        Assert.True(problems.Count == 0, "Broken promises after healing:\n" + string.Join('\n', problems.Take(40)));
        Assert.True(refusedFresh.Length == 0, "Fresh one-time IDs refused:\n" + string.Join('\n', refusedFresh.Take(10)));
        Assert.True(strayErrors.Length == 0, "Errors outside every failure window:\n" + string.Join('\n', strayErrors.Take(20)));
    }

    private static async Task<FaultWindow> FaultAsync(string fault, Ledger ledger, ChannelHealth health, string[] surviving, Func<Task> inject, Func<Task> heal)
    {
        var injected = DateTimeOffset.UtcNow;
        await inject();
        await WaitSteadyAsync(health, surviving, injected);
        await heal();
        await WaitSteadyAsync(health, AllChannels, DateTimeOffset.UtcNow);
        var healed = DateTimeOffset.UtcNow;
        var failures = ledger.Attempts.Where(a => a.Error is not null && a.End >= injected && a.Start <= healed).ToArray();
        var recovery = AllChannels.ToDictionary(
            channel => channel,
            channel => failures.Where(a => a.Via == channel).Select(a => a.End - injected).DefaultIfEmpty(TimeSpan.Zero).Max());
        return new FaultWindow(fault, injected, healed, recovery, failures.Length);
    }

    private static async Task WaitSteadyAsync(ChannelHealth health, string[] channels, DateTimeOffset since)
    {
        await WaitUntilAsync(() => Task.FromResult(channels.All(c => health.IsSteady(c, since, Quiet, DateTimeOffset.UtcNow))),
            $"{string.Join(", ", channels)} to succeed steadily for {Quiet.TotalSeconds} s");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + SteadyLimit;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Waited {SteadyLimit.TotalSeconds} s for {what}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Readiness reflects storage: while a store is down the node answers 503 naming the failing check.</summary>
    private static Task ExpectNotReadyAsync(HostNode node, string check) =>
        WaitUntilAsync(async () =>
        {
            var (status, body) = await node.ReadinessAsync();
            return status == 503 && (body.Contains($"\"{check}\":{{\"status\":\"Unhealthy\"", StringComparison.Ordinal) || !body.StartsWith('{'));
        }, $"{node.Name} to report {check} not ready");

    private static string Report(IReadOnlyList<FaultWindow> windows, Attempt[] attempts, Ledger ledger)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"writes: {attempts.Length} attempted, {attempts.Count(a => a.Acknowledged)} acknowledged, {attempts.Count(a => a.Error is not null)} failed; logins acknowledged: {ledger.Logins.Count}");
        foreach (var kind in Enum.GetValues<WriteKind>())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind}: {attempts.Count(a => a.Kind == kind && a.Acknowledged)} acknowledged, {attempts.Count(a => a.Kind == kind && a.Error is not null)} failed");
        }

        text.AppendLine("| fault | errors | DC1 client | DC2 client | gateway DC1 | gateway DC2 | healed after |");
        foreach (var w in windows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {w.Fault} | {w.Errors} | {S(w.Recovery["DC1"])} | {S(w.Recovery["DC2"])} | {S(w.Recovery["gateway-DC1"])} | {S(w.Recovery["gateway-DC2"])} | {S(w.Healed - w.Injected)} |");
        }

        return text.ToString();

        static string S(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
    }
}
