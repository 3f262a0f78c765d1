using Npgsql;

namespace NemLogin.Silo.Seed;

/// <summary>
/// When a chunk of the seed may count as stored. With <c>--bulk-load</c> a commit returns before the standby has it, so a
/// failover can lose writes the grains had acknowledged (it happened in a national seed: a failover lost 418 people written
/// while the old primary, its standby already stopped following, still took commits). After each chunk the seed
/// therefore makes one commit that waits for the synchronous standby whatever the server's setting: the WAL is one
/// sequence, so once the standby has that commit it has every commit acknowledged before it. The commit answers the
/// primary's timeline, which a promotion moves on: when a chunk began on another timeline than it ended on, its writes may
/// have gone to the old primary after its standby stopped following, and the seed stops before counting it
/// (<see cref="SeedRun"/>). Without a standby the commit waits for the local disk only.
/// </summary>
internal sealed class SeedDurability(string connectionString)
{
    // A connection of its own each time (one per chunk): after a failover no pooled connection to the old primary is reused.
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>How long a confirmation is tried again while PostgreSQL fails over (pg_auto_failover takes 10–30 s).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The primary's timeline once every commit acknowledged so far is on its synchronous standby.</summary>
    public async Task<string> ConfirmAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ConfirmOnceAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                // The primary going down, demoted or not yet promoted: the next attempt reaches whichever takes writes.
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(8, attempt)), cancellationToken);
            }
        }
    }

    private async Task<string> ConfirmOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var setting = new NpgsqlCommand("SET LOCAL synchronous_commit = on", connection, transaction))
        {
            await setting.ExecuteNonQueryAsync(cancellationToken);
        }

        // A transaction id makes the commit write a record, and so wait for the standby; the WAL file's name begins with
        // the timeline (8 hex digits).
        await using var command = new NpgsqlCommand(
            "SELECT pg_current_xact_id()::text, substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)", connection, transaction);
        string timeline;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            timeline = reader.GetString(1);
        }

        await transaction.CommitAsync(cancellationToken);
        return timeline;
    }
}
