using Npgsql;

namespace NemLogin.Silo.Seed;

/// <summary>
/// The seed's opt-in bulk-load settings (<c>--bulk-load</c>) for the whole server while the seed runs: checkpoints at most
/// every 30 minutes or 16 GB of WAL (defaults: 5 minutes, 1 GB). The state table's key index is a hash, so its inserts
/// land on random pages, and the first change of a page after a checkpoint writes the whole page to the WAL (with
/// <c>wal_log_hints</c>, which pg_auto_failover needs, even setting a hint bit does): with frequent checkpoints that is
/// nearly every insert, and the WAL, the disk and the standby's replay all grow with it. Only the recovery time after a
/// crash changes; every commit still waits for the synchronous standby.
/// <para>
/// Commits stay durable on purpose. The bulk load once also turned <c>synchronous_commit</c> off, and a failover during a
/// national seed then lost writes the grains had acknowledged (418 people). Worse than the loss: the grains still held
/// those writes in memory, and the calls tried again after the promotion stored state that pointed at them (an identity
/// without its link, a link to an identity that was gone), which neither a rerun nor a restart repairs.
/// </para>
/// The settings are made on the primary and reset there when the seed ends however it ends, short of a kill;
/// <c>scripts/cluster.sh up</c> resets them on both nodes too (a failover meanwhile leaves them in the old primary's
/// configuration, where they change nothing durable). Needs a superuser connection (the development cluster's).
/// </summary>
internal static class SeedBulkLoad
{
    /// <summary>The settings and their bulk-load values; every one takes effect on a reload.</summary>
    public static IReadOnlyList<(string Name, string Value)> Settings { get; } =
    [
        ("max_wal_size", "16GB"),
        ("checkpoint_timeout", "30min"),
    ];

    public static Task BeginAsync(string connectionString, CancellationToken cancellationToken) =>
        ExecuteAsync(connectionString, [.. Settings.Select(s => $"ALTER SYSTEM SET {s.Name} = '{s.Value}'")], cancellationToken);

    public static Task EndAsync(string connectionString) =>
        ExecuteAsync(connectionString, [.. Settings.Select(s => $"ALTER SYSTEM RESET {s.Name}")], CancellationToken.None);

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
