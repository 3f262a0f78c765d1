using System.Globalization;
using System.Text.Json;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Population;
using Npgsql;
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

    // Durable state rows by state name: people are a MitID link and an identity, mandates a mandate row each.
    private static readonly string[] Kinds = ["link", "identity", "organisation", "business-identity", "mandate"];

    [Fact(Timeout = 300_000)]
    public async Task Seed_KilledMidwayThenRunAgain_ExactCountsAndARerunStoresNothingNew()
    {
        var folder = Directory.CreateTempSubdirectory("nemlogin-seed-").FullName;
        var checkpoint = Path.Combine(folder, "checkpoint.json");
        var counts = PopulationCounts.At(Scale);
        var before = await CountsAsync();
        var remindersBefore = await ScalarAsync("SELECT count(*) FROM nemlogin_reminder");

        // One call at a time and a checkpoint every five items, so the kill lands inside the mandates.
        var first = Start(folder, "first", checkpoint, "--concurrency", "1", "--chunk", "5");
        await WaitUntilAsync(() => MandatesDone(checkpoint) >= 5 || first.HasExited, first, TestContext.Current.CancellationToken);
        Assert.False(first.HasExited, "The seed finished before it could be interrupted: " + first.LogTail());
        first.Signal(Signals.Kill);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(MandatesDone(checkpoint), 5, counts.Mandates - 1);

        var result = await RunAsync(folder, "second", checkpoint, inSilo: true);
        Assert.Equal((counts.Organisations, counts.BusinessIdentities, counts.Mandates, counts.People), result);
        var after = await CountsAsync();
        Assert.Equal(
            [counts.People, counts.People, counts.Organisations, counts.BusinessIdentities, counts.Mandates],
            Kinds.Select(k => after.GetValueOrDefault(k) - before.GetValueOrDefault(k)));

        // Mandates with an end have their durable expiry reminder: three in four.
        var ending = Enumerable.Range(0, counts.Mandates).Count(m => m % 4 != 0);
        Assert.Equal(ending, await ScalarAsync("SELECT count(*) FROM nemlogin_reminder") - remindersBefore);

        // The last run loads in bulk (PostgreSQL's commit and checkpoint settings changed while it runs): afterwards the
        // server's settings are what they were.
        var rows = await RowsAsync();
        var settings = await BulkLoadSettingsAsync();
        var again = await RunAsync(folder, "third", Path.Combine(folder, "fresh-checkpoint.json"), extra: "--bulk-load");
        Assert.Equal(result, again);
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal(settings, await BulkLoadSettingsAsync());
        Directory.Delete(folder, recursive: true);
    }

    private ChildProcess Start(string folder, string name, string checkpoint, params string[] extra) => Start(folder, name, checkpoint, inSilo: false, extra);

    private ChildProcess Start(string folder, string name, string checkpoint, bool inSilo, params string[] extra)
    {
        // An Orleans client like a gateway: the cluster's settings, and a gateway certificate of the cluster CA for mutual TLS;
        // in a silo: a DC1 silo's settings (its certificate, the HSM) and ports of its own.
        var environment = inSilo ? cluster.SiloEnvironment("DC1", "seed-silo-" + name) : cluster.Common("DC1", "seed-" + name, "gateway");
        if (inSilo)
        {
            environment["Urls"] = $"http://127.0.0.1:{FreePorts.Next()}";
            environment["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
            environment["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
            environment["Orleans__AdvertisedAddress"] = "127.0.0.1";
            extra = ["--in-silo", .. extra];
        }

        return ChildProcess.Start(Path.Combine(folder, name + ".log"), environment, "dotnet",
        [
            BuiltHosts.Silo, "seed", "--scale", Scale.ToString(CultureInfo.InvariantCulture), "--mitid-authority", cluster.Gateway("DC1").BaseUrl + "/mitid-sim",
            "--it-system", ClusterTestSp.EntityId, "--checkpoint", checkpoint, "--no-progress", .. extra,
        ]);
    }

    private async Task<(int, int, int, int)> RunAsync(string folder, string name, string checkpoint, bool inSilo = false, params string[] extra)
    {
        var seed = Start(folder, name, checkpoint, inSilo, extra);
        Assert.True(await seed.WaitForExitAsync(TimeSpan.FromMinutes(3)), "The seed did not finish: " + seed.LogTail());
        Assert.True(seed.ExitCode == 0, seed.LogTail());

        // The log holds stderr and stdout together; the result is the one JSON line.
        var line = File.ReadLines(seed.LogFile).Single(l => l.StartsWith("{\"organisations\":", StringComparison.Ordinal));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.True(json.GetProperty("seconds").GetDouble() > 0);
        Assert.True(json.TryGetProperty("bytes", out _));
        return (json.GetProperty("organisations").GetInt32(), json.GetProperty("businessIdentities").GetInt32(),
            json.GetProperty("mandates").GetInt32(), json.GetProperty("people").GetInt32());
    }

    private static int MandatesDone(string checkpoint)
    {
        try
        {
            return File.Exists(checkpoint) && JsonDocument.Parse(File.ReadAllText(checkpoint)).RootElement.GetProperty("Done") is var done
                && done.TryGetProperty("mandates", out var mandates) ? mandates.GetInt32() : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, ChildProcess process, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!condition())
        {
            Assert.False(limit.IsCancellationRequested, "The seed made no progress: " + process.LogTail());
            await Task.Delay(20, cancellationToken);
        }
    }

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grain_type, count(*) FROM nemlogin_grain_state WHERE payload IS NOT NULL GROUP BY grain_type", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    // Every row the seed writes, with its version: a rerun that stored anything would add a row or move a version.
    private async Task<List<string>> RowsAsync()
    {
        var rows = new List<string>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_type || ' ' || grain_id_n0 || ' ' || grain_id_n1 || ' ' || coalesce(grain_id_extension, '') || ' ' || version FROM nemlogin_grain_state " +
            "WHERE grain_type IN ('link', 'identity', 'cpr-index', 'organisation', 'business-identity', 'business-identity-index', 'mandate', 'mandate-grantor', 'mandate-index') ORDER BY 1",
            connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    // What a session opened now sees of the settings the bulk load changes (postgresql.auto.conf, reloaded).
    private async Task<string> BulkLoadSettingsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('synchronous_commit') || ' ' || current_setting('max_wal_size') || ' ' || current_setting('checkpoint_timeout')", connection);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        // Unpooled: the fault tests restart PostgreSQL, and a pooled connection from before answers 57P01 once.
        var connection = new NpgsqlConnection(cluster.Postgres.ConnectionString() + ";Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
