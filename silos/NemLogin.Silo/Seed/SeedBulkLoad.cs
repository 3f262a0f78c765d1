using Npgsql;

namespace NemLogin.Silo.Seed;

/// <summary>
/// The seed's opt-in bulk-load settings (<c>--bulk-load</c>) for the whole server while the seed runs:
/// <list type="bullet">
/// <item><c>synchronous_commit</c> off, so a commit returns before its WAL reaches the disk and concurrent commits share
/// one flush. Only durability changes: a PostgreSQL crash during the seed may lose the last fraction of a second of
/// commits (never consistency; a lost item is written again by a rerun without the checkpoint).</item>
/// <item>Checkpoints at most every 30 minutes or 16 GB of WAL (defaults: 5 minutes, 1 GB). The state table's key index is
/// a hash, so its inserts land on random pages, and the first change of a page after a checkpoint writes the whole page
/// to the WAL: with frequent checkpoints that is nearly every insert (WAL, disk and the standby's replay all grow with
/// it). Only the recovery time after a crash changes.</item>
/// </list>
/// The settings are made on the primary and reset when the seed ends however it ends, short of a kill, on every server the
/// connection string names: after a failover during the seed the old primary, now the standby, still has them and must
/// not take them along when it is promoted again. <c>scripts/cluster.sh up</c> resets them on both nodes too, so a killed
/// seed cannot leave a cluster running with them. Needs a superuser connection (the development cluster's).
/// </summary>
internal static class SeedBulkLoad
{
    /// <summary>The settings and their bulk-load values; every one takes effect on a reload.</summary>
    public static IReadOnlyList<(string Name, string Value)> Settings { get; } =
    [
        ("synchronous_commit", "off"),
        ("max_wal_size", "16GB"),
        ("checkpoint_timeout", "30min"),
    ];

    public static Task BeginAsync(string connectionString, CancellationToken cancellationToken) =>
        ExecuteAsync(connectionString, [.. Settings.Select(s => $"ALTER SYSTEM SET {s.Name} = '{s.Value}'")], cancellationToken);

    public static async Task EndAsync(string connectionString, TextWriter log)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        foreach (var host in (builder.Host ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Each server by itself, primary or standby (ALTER SYSTEM writes a file; a standby takes it too).
            var one = new NpgsqlConnectionStringBuilder(connectionString)
            {
                Host = host,
                TargetSessionAttributes = "any",
                LoadBalanceHosts = false,
                Pooling = false,
            };
            try
            {
                await ExecuteAsync(one.ConnectionString, [.. Settings.Select(s => $"ALTER SYSTEM RESET {s.Name}")], CancellationToken.None);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                await log.WriteLineAsync($"seed: could not reset the bulk-load settings on {host} ({ex.Message}); `scripts/cluster.sh up` resets them, or run ALTER SYSTEM RESET there.");
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string[] statements, CancellationToken cancellationToken)
    {
        // ALTER SYSTEM writes postgresql.auto.conf; the reload makes every session, the silos' pooled ones too, take it up.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var statement in statements)
        {
            await using var alter = new NpgsqlCommand(statement, connection);
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
        await reload.ExecuteScalarAsync(cancellationToken);
    }
}
