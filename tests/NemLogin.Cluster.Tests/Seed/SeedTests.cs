using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Population;
using Xunit;

namespace NemLogin.Cluster.Tests.Seed;

/// <summary>
/// <c>NemLogin.Silo seed</c> against the running cluster: the population goes in through the grains (their own state rows,
/// the expiry reminders), killed mid-way and run again it ends with exactly the plan's counts, and a further run without
/// the checkpoint stores nothing new (the same ids, the same versions). The run that finishes is an <c>--in-silo</c> seed
/// (a silo of the cluster writing through its own grains, as <c>scripts/cluster.sh seed</c> runs it) taking up a client
/// seed's checkpoint; the last run is a client again: both ways store the same population.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SeedTests(ClusterUnderTest cluster)
{
    private const double Scale = 0.00002;

    private readonly SeedRuns _runs = new(cluster, Scale, cluster.Gateway("DC1").BaseUrl + "/mitid-sim", ClusterTestSp.EntityId);

    [Fact(Timeout = 300_000)]
    public async Task Seed_KilledMidwayThenRunAgain_ExactCountsAndARerunStoresNothingNew()
    {
        var folder = Directory.CreateTempSubdirectory("nemlogin-seed-").FullName;
        var checkpoint = Path.Combine(folder, "checkpoint.json");
        var counts = PopulationCounts.At(Scale);
        var before = await _runs.CountsAsync();
        var remindersBefore = await _runs.ScalarAsync("SELECT count(*) FROM nemlogin_reminder");

        // One call at a time and a checkpoint every five items, so the kill lands inside the mandates.
        var first = _runs.Start(folder, "first", checkpoint, inSilo: false, "--concurrency", "1", "--chunk", "5");
        await SeedRuns.WaitUntilAsync(() => SeedRuns.Done(checkpoint, "mandates") >= 5 || first.HasExited, first, TestContext.Current.CancellationToken);
        Assert.False(first.HasExited, "The seed finished before it could be interrupted: " + first.LogTail());
        first.Signal(Signals.Kill);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(SeedRuns.Done(checkpoint, "mandates"), 5, counts.Mandates - 1);

        var result = await _runs.RunAsync(folder, "second", checkpoint, inSilo: true);
        Assert.Equal((counts.Organisations, counts.BusinessIdentities, counts.Mandates, counts.People), result);
        var after = await _runs.CountsAsync();
        Assert.Equal(
            [counts.People, counts.People, counts.Organisations, counts.BusinessIdentities, counts.Mandates],
            SeedRuns.Kinds.Select(k => after.GetValueOrDefault(k) - before.GetValueOrDefault(k)));

        // Mandates with an end have their durable expiry reminder: three in four.
        var ending = Enumerable.Range(0, counts.Mandates).Count(m => m % 4 != 0);
        Assert.Equal(ending, await _runs.ScalarAsync("SELECT count(*) FROM nemlogin_reminder") - remindersBefore);

        // The last run loads in bulk (PostgreSQL's commit and checkpoint settings changed while it runs): afterwards the
        // server's settings are what they were.
        var rows = await _runs.RowsAsync();
        var settings = await SeedRuns.BulkLoadSettingsAsync(_runs.ConnectionString);
        var again = await _runs.RunAsync(folder, "third", Path.Combine(folder, "fresh-checkpoint.json"), extra: "--bulk-load");
        Assert.Equal(result, again);
        Assert.Equal(rows, await _runs.RowsAsync());
        Assert.Equal(settings, await SeedRuns.BulkLoadSettingsAsync(_runs.ConnectionString));
        Directory.Delete(folder, recursive: true);
    }

    // Rule: a seed in a silo stops on Ctrl-C (SIGINT) and on a process manager's SIGTERM: the calls in flight finish, the
    // checkpoint stays for the next run, exit code 130. The host's console lifetime takes both signals for itself; before,
    // SIGTERM left the seed running to its end. Its people are filed under an issuer of their own, so the test above counts
    // none of them.
    [Theory(Timeout = 300_000)]
    [InlineData(Signals.Interrupt)]
    [InlineData(Signals.Terminate)]
    public async Task Seed_InSiloInterrupted_StopsWithItsCheckpointKept(int signal)
    {
        var folder = Directory.CreateTempSubdirectory("nemlogin-seed-").FullName;
        var checkpoint = Path.Combine(folder, "checkpoint.json");
        var runs = new SeedRuns(cluster, Scale, $"https://interrupted-{signal}.seed.test/mitid-sim", ClusterTestSp.EntityId);

        // A name per signal: each in-silo run gets a silo certificate of its own.
        var seed = runs.Start(folder, $"interrupted-{signal}", checkpoint, inSilo: true, "--concurrency", "1", "--chunk", "5");
        await SeedRuns.WaitUntilAsync(() => SeedRuns.Done(checkpoint, "people") >= 5 || seed.HasExited, seed, TestContext.Current.CancellationToken);
        Assert.False(seed.HasExited, "The seed finished before it could be interrupted: " + seed.LogTail());
        seed.Signal(signal);

        Assert.True(await seed.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"The seed went on after signal {signal}: " + seed.LogTail());
        Assert.True(seed.ExitCode == 130, seed.LogTail());
        Assert.Contains("seed: interrupted; run the same command again", File.ReadAllText(seed.LogFile), StringComparison.Ordinal);
        Assert.InRange(SeedRuns.Done(checkpoint, "people"), 5, PopulationCounts.At(Scale).People - 1);
        Assert.Equal(0, SeedRuns.Done(checkpoint, "organisations"));
        Directory.Delete(folder, recursive: true);
    }
}
