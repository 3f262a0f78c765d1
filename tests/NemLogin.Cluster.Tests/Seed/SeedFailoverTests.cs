using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Cluster.Tests.Workload;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Population;
using Xunit;

namespace NemLogin.Cluster.Tests.Seed;

/// <summary>
/// RPO under a bulk load: the seed's <c>--bulk-load</c> lets a commit return before the synchronous standby has it, so when
/// PostgreSQL's primary dies mid-seed, writes the grains acknowledged can be missing from the promoted standby, while the
/// grains still hold them in memory. The seed counts a chunk only once a commit that waits for the standby has confirmed it
/// on the timeline the chunk began on; when the timeline moved it stops, its checkpoint before the chunk. With the silos
/// started afresh the same command goes on, and the store ends with exactly the plan's population.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class SeedFailoverTests(DatabaseFailoverCluster fixture) : IClassFixture<DatabaseFailoverCluster>
{
    private const double Scale = 0.00002;

    [Fact(Timeout = 420_000)]
    public async Task BulkLoadSeed_PrimaryKilledMidway_StopsBeforeTheLostChunkAndTheRerunStoresEverything()
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

        Assert.True(await seed.WaitForExitAsync(TimeSpan.FromMinutes(3)), "The seed did not stop: " + seed.LogTail());
        Assert.True(seed.ExitCode != 0, "The seed went on after the failover: " + seed.LogTail());
        Assert.Contains("PostgreSQL's primary changed", await File.ReadAllTextAsync(seed.LogFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // As the message says: the silos afresh (nothing the lost writes left in memory), then the same command again.
        foreach (var silo in cluster.Silos)
        {
            await silo.KillAsync();
            await silo.StartAndWaitReadyAsync(TimeSpan.FromSeconds(90));
        }

        var result = await runs.RunAsync(folder, "again", checkpoint, inSilo: false, "--bulk-load", "--concurrency", "2", "--chunk", "4");
        Assert.Equal((counts.Organisations, counts.BusinessIdentities, counts.Mandates, counts.People), result);
        var after = await runs.CountsAsync();
        Assert.Equal(
            [counts.People, counts.People, counts.Organisations, counts.BusinessIdentities, counts.Mandates],
            SeedRuns.Kinds.Select(k => after.GetValueOrDefault(k) - before.GetValueOrDefault(k)));
        await formation.WaitForStatesAsync((standby, "primary"), (primary, "secondary"));
        Directory.Delete(folder, recursive: true);
    }
}
