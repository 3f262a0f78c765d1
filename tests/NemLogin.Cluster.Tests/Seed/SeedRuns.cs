using System.Globalization;
using System.Text.Json;
using NemLogin.Cluster.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace NemLogin.Cluster.Tests.Seed;

/// <summary>
/// <c>NemLogin.Silo seed</c> runs against a cluster under test, and what the store holds afterwards: a seed as an Orleans
/// client (a gateway's certificate) or in a silo of its own (a DC1 silo's settings and ports), its result line, its
/// checkpoint, and the grain-state rows by kind. People are filed under <paramref name="mitIdAuthority"/>; every mandate
/// covers <paramref name="itSystem"/> (registered beforehand).
/// </summary>
internal sealed class SeedRuns(ClusterUnderTest cluster, double scale, string mitIdAuthority, string itSystem)
{
    /// <summary>Durable state rows by state name: people are a MitID link and an identity, mandates a mandate row each.</summary>
    public static readonly string[] Kinds = ["link", "identity", "organisation", "business-identity", "mandate"];

    public ChildProcess Start(string folder, string name, string checkpoint, bool inSilo, params string[] extra)
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
            BuiltHosts.Silo, "seed", "--scale", scale.ToString(CultureInfo.InvariantCulture), "--mitid-authority", mitIdAuthority,
            "--it-system", itSystem, "--checkpoint", checkpoint, "--no-progress", .. extra,
        ]);
    }

    /// <summary>Runs a seed to its end and answers its result line's counts (organisations, business identities, mandates, people).</summary>
    public async Task<(int, int, int, int)> RunAsync(string folder, string name, string checkpoint, bool inSilo = false, params string[] extra) =>
        await ResultAsync(Start(folder, name, checkpoint, inSilo, extra));

    public static async Task<(int, int, int, int)> ResultAsync(ChildProcess seed)
    {
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

    /// <summary>How many items of <paramref name="phase"/> the checkpoint counts as stored (0 while it has none).</summary>
    public static int Done(string checkpoint, string phase)
    {
        try
        {
            return File.Exists(checkpoint) && JsonDocument.Parse(File.ReadAllText(checkpoint)).RootElement.GetProperty("Done") is var done
                && done.TryGetProperty(phase, out var count) ? count.GetInt32() : 0;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return 0;
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, ChildProcess process, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!condition())
        {
            Assert.False(limit.IsCancellationRequested, "The seed made no progress: " + process.LogTail());
            await Task.Delay(20, cancellationToken);
        }
    }

    public async Task<Dictionary<string, long>> CountsAsync()
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

    /// <summary>Every row the seed writes, with its version: a rerun that stored anything would add a row or move a version.</summary>
    public async Task<List<string>> RowsAsync()
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

    /// <summary>What a session opened now sees of the settings a bulk load changes (postgresql.auto.conf, reloaded).</summary>
    public static async Task<string> BulkLoadSettingsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('synchronous_commit') || ' ' || current_setting('max_wal_size') || ' ' || current_setting('checkpoint_timeout')", connection);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Unpooled: the fault tests restart PostgreSQL, and a pooled connection from before answers 57P01 once.</summary>
    public string ConnectionString => cluster.DatabaseConnectionString + ";Pooling=false";

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
