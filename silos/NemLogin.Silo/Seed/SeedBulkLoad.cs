using Npgsql;

namespace NemLogin.Silo.Seed;

/// <summary>
/// The seed's opt-in bulk-load setting (<c>--bulk-load</c>): PostgreSQL's <c>synchronous_commit</c> off for the whole server
/// while the seed runs, so a commit returns before its WAL reaches the disk and concurrent commits share one flush. Only
/// durability changes: a PostgreSQL crash during the seed may lose the last fraction of a second of commits (never
/// consistency; a lost item is written again by a rerun without the checkpoint). The setting is reset when the seed ends
/// however it ends, short of a kill; <c>scripts/cluster.sh up</c> resets it too, so a killed seed cannot leave a cluster
/// running without it. Needs a superuser connection (the development cluster's).
/// </summary>
internal static class SeedBulkLoad
{
    public static Task BeginAsync(string connectionString, CancellationToken cancellationToken) =>
        ExecuteAsync(connectionString, "ALTER SYSTEM SET synchronous_commit = 'off'", cancellationToken);

    public static Task EndAsync(string connectionString) =>
        ExecuteAsync(connectionString, "ALTER SYSTEM RESET synchronous_commit", CancellationToken.None);

    private static async Task ExecuteAsync(string connectionString, string statement, CancellationToken cancellationToken)
    {
        // ALTER SYSTEM writes postgresql.auto.conf; the reload makes every session, the silos' pooled ones too, take it up.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var alter = new NpgsqlCommand(statement, connection))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
        await reload.ExecuteScalarAsync(cancellationToken);
    }
}
