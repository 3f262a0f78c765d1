using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Cluster.Tests.Workload;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Population;
using Xunit;

namespace NemLogin.Cluster.Tests.Seed;

/// <summary>
/// RPO 0 for the national seed: PostgreSQL's primary dies while a <c>--bulk-load</c> seed writes people. pg_auto_failover
/// promotes the synchronous standby, the seed's failed calls are tried again, and the store ends with exactly the plan's
/// population. (A bulk load with <c>synchronous_commit</c> off, as it once was, failed this: acknowledged writes were lost,
/// and the grains, which still held them in memory, stored state pointing at them.)
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class SeedFailoverTests(DatabaseFailoverCluster fixture) : IClassFixture<DatabaseFailoverCluster>
{
    private const double Scale = 0.00002;

    [Fact(Timeout = 420_000)]
    public async Task BulkLoadSeed_PrimaryKilledMidway_TheWholePopulationIsStored()
    {
        var cluster = fixture.Cluster;
        var formation = cluster.Formation!;

        // This cluster has no gateways: the people are filed under an issuer of the test's choosing, and the IT system the
        // mandates cover is registered through DC1's silos.
        var itSystem = $"https://seed-sp-{Guid.NewGuid():N}.cluster.test";
        await cluster.Dc1.Grains.GetGrain<IServiceProviderGrain>(itSystem).RegisterAsync(WriteStream.Registration(itSystem));
        var runs = new SeedRuns(cluster, Scale, "http://localhost:8080/mitid-sim", itSystem);
        var folder = Directory.CreateTempSubdirectory("nemlogin-seed-failover-").FullName;
        var checkpoint = Path.Combine(folder, "checkpoint.json");
        var counts = PopulationCounts.At(Scale);
        var before = await runs.CountsAsync();
        var settings = await SeedRuns.BulkLoadSettingsAsync(runs.ConnectionString);

        // A few items at a time, so the primary dies with the people half written.
        var seed = runs.Start(folder, "seed", checkpoint, inSilo: false, "--bulk-load", "--concurrency", "2", "--chunk", "4");
        await SeedRuns.WaitUntilAsync(() => SeedRuns.Done(checkpoint, "people") >= 4 || seed.HasExited, seed, TestContext.Current.CancellationToken);
        Assert.False(seed.HasExited, "The seed finished before the primary could be killed: " + seed.LogTail());
        var states = await formation.StatesAsync();
        var primary = states.Single(s => s.Value.Reported == "primary").Key;
        var standby = states.Keys.Single(k => k != primary);
        formation.KillNode(primary);
        await formation.WaitForStatesAsync((standby, "wait_primary"));
        formation.RestartNode(primary);

        var result = await SeedRuns.ResultAsync(seed);
        Assert.Equal((counts.Organisations, counts.BusinessIdentities, counts.Mandates, counts.People), result);
        var after = await runs.CountsAsync();
        Assert.Equal(
            [counts.People, counts.People, counts.Organisations, counts.BusinessIdentities, counts.Mandates],
            SeedRuns.Kinds.Select(k => after.GetValueOrDefault(k) - before.GetValueOrDefault(k)));

        // Commits stayed durable throughout; the promoted primary ends with the settings it had.
        Assert.Equal("on", settings.Split(' ')[0]);
        Assert.Equal(settings, await SeedRuns.BulkLoadSettingsAsync(runs.ConnectionString));
        await formation.WaitForStatesAsync((standby, "primary"), (primary, "secondary"));
        Directory.Delete(folder, recursive: true);
    }
}
