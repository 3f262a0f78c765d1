using Microsoft.Extensions.Options;
using NemLogin.Grains.Hosting;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Storage;

namespace NemLogin.Silo.Purge;

/// <summary>
/// Deletes durable grain state rows whose expiry (<see cref="ExpiringState"/>) passed more than
/// <see cref="ExpiredStatePurgeOptions.Grace"/> ago, every <see cref="ExpiredStatePurgeOptions.Interval"/>, in batches of
/// <see cref="ExpiredStatePurgeOptions.BatchSize"/>. Every silo runs it; a session-level advisory lock lets one at a time
/// work. A row is deleted only at the version read, so a row written meanwhile (a new use of an expired ID) stays.
/// </summary>
internal sealed partial class ExpiredStatePurge(
    NpgsqlDataSource dataSource,
    IGrainStorageSerializer serializer,
    IOptions<ClusterOptions> cluster,
    IOptions<ExpiredStatePurgeOptions> options,
    TimeProvider timeProvider,
    ILogger<ExpiredStatePurge> logger) : BackgroundService
{
    /// <summary>The advisory lock key of the purge ("nlpurge" in ASCII).</summary>
    internal const long LockKey = 0x6E6C7075726765;

    private const string Candidates = """
        SELECT state_key, version, payload, modified_at
        FROM nemlogin_grain_state
        WHERE service_id = @service AND grain_type = @type AND payload IS NOT NULL
          AND modified_at < @before AND (modified_at, state_key) > (@after_time, @after_key)
        ORDER BY modified_at, state_key
        LIMIT @batch
        """;

    private const string Delete = """
        DELETE FROM nemlogin_grain_state AS s
        USING unnest(@keys, @versions) AS d(state_key, version)
        WHERE s.state_key = d.state_key AND s.version = d.version
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
                {
                    // The database is away (a failover): the next round tries again.
                    PurgeFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round: the number of rows deleted, or null when another silo holds the purge.</summary>
    public async Task<int?> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
        {
            tryLock.Parameters.AddWithValue("key", LockKey);
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }
        }

        try
        {
            var deleted = 0;
            foreach (var state in ExpiringState.All)
            {
                deleted += await PurgeAsync(connection, state, cancellationToken);
            }

            if (deleted > 0)
            {
                Purged(logger, deleted);
            }

            return deleted;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Walks the state's rows last written before the grace cut-off, oldest first, one batch per statement; a row whose
    /// expiry lies further ahead (a long replay window) is stepped over and looked at again next round.
    /// </summary>
    private async Task<int> PurgeAsync(NpgsqlConnection connection, ExpiringState state, CancellationToken cancellationToken)
    {
        var cutOff = timeProvider.GetUtcNow() - options.Value.Grace;
        var afterTime = DateTimeOffset.MinValue;
        var afterKey = Array.Empty<byte>();
        var deleted = 0;
        while (true)
        {
            var keys = new List<byte[]>();
            var versions = new List<int>();
            var read = 0;
            await using (var select = new NpgsqlCommand(Candidates, connection))
            {
                select.Parameters.AddWithValue("service", cluster.Value.ServiceId);
                select.Parameters.AddWithValue("type", state.StateName);
                select.Parameters.AddWithValue("before", cutOff);
                select.Parameters.AddWithValue("after_time", afterTime);
                select.Parameters.AddWithValue("after_key", afterKey);
                select.Parameters.AddWithValue("batch", options.Value.BatchSize);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    read++;
                    afterKey = reader.GetFieldValue<byte[]>(0);
                    afterTime = reader.GetFieldValue<DateTimeOffset>(3);
                    if (state.ExpiresAt(serializer, new BinaryData(reader.GetFieldValue<byte[]>(2))) < cutOff)
                    {
                        keys.Add(afterKey);
                        versions.Add(reader.GetInt32(1));
                    }
                }
            }

            if (keys.Count > 0)
            {
                await using var delete = new NpgsqlCommand(Delete, connection);
                delete.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = keys.ToArray() });
                delete.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = versions.ToArray() });
                deleted += await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            if (read < options.Value.BatchSize)
            {
                return deleted;
            }
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Purged {Count} expired grain state rows")]
    private static partial void Purged(ILogger logger, int count);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Purging expired grain state rows failed; the next round tries again")]
    private static partial void PurgeFailed(ILogger logger, Exception exception);
}
