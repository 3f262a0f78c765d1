using Npgsql;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// The membership table in PostgreSQL, with a failed call tried again at once while the database fails over. Orleans
/// itself answers a failed membership call (the vote or declaration that a silo is dead, the table read before it) by
/// backing off exponentially, up to a minute between attempts: a partition that takes the primary's site away makes the
/// first calls fail (the standby is not promoted yet, or a pooled connection hangs on the stopped primary), and the
/// declaration then waited a minute after the new primary took writes (docs/reliability.md, "partition"). Here a
/// transient failure (the connection lost or timed out, no primary reachable, a server that answers read-only) is
/// tried again after a short pause until <see cref="Budget"/> has passed; only then does Orleans see the failure.
/// A server that answered read-only (SQLSTATE 25006: the connection reached a standby, or a primary being demoted)
/// has its pooled connections dropped first, so the next attempt connects afresh to whichever node is primary now.
/// Repeating a conditional write is safe: each names the table version it read, so a write that did commit before the
/// failure makes the repetition answer false (someone else changed the table), which Orleans handles by reading again.
/// </summary>
internal sealed partial class RetryingMembershipTable(IMembershipTable inner, TimeProvider time, ILogger<RetryingMembershipTable> logger)
    : IMembershipTable
{
    /// <summary>How long failures are tried again: longer than a PostgreSQL failover (about 15 s with pg_auto_failover).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken) =>
        RetryAsync(nameof(InitializeMembershipTableAsync), () => inner.InitializeMembershipTableAsync(tryInitTableVersion, cancellationToken), cancellationToken);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken) =>
        RetryAsync(nameof(DeleteMembershipTableEntriesAsync), () => inner.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken), cancellationToken);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken) =>
        RetryAsync(nameof(CleanupDefunctSiloEntriesAsync), () => inner.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken), cancellationToken);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) =>
        RetryAsync(nameof(ReadRowAsync), () => inner.ReadRowAsync(key, cancellationToken), cancellationToken);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) =>
        RetryAsync(nameof(ReadAllAsync), () => inner.ReadAllAsync(cancellationToken), cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken) =>
        RetryAsync(nameof(InsertRowAsync), () => inner.InsertRowAsync(entry, tableVersion, cancellationToken), cancellationToken);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken) =>
        RetryAsync(nameof(UpdateRowAsync), () => inner.UpdateRowAsync(entry, etag, tableVersion, cancellationToken), cancellationToken);

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken) =>
        RetryAsync(nameof(UpdateIAmAliveAsync), () => inner.UpdateIAmAliveAsync(entry, cancellationToken), cancellationToken);

    // The interface's older forms (obsolete in Orleans 10.4), for any caller that still uses them.
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) says the database was unreachable or not the primary, so
    /// the same call may succeed on another connection: Npgsql's client-side errors (connection lost, timeout, "no
    /// suitable host" while no node is primary yet), the server's transient ones (shutting down, cannot connect now)
    /// and SQLSTATE 25006 (read-only transaction). Other server errors are Orleans' to handle.
    /// </summary>
    public static bool IsTransient(Exception exception, out bool readOnly)
    {
        readOnly = false;
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction }:
                    readOnly = true;
                    return true;
                case PostgresException postgres:
                    return postgres.IsTransient;
                // Npgsql's own (not the server's): the connection lost or timed out, no primary among the hosts.
                case NpgsqlException:
                case TimeoutException:
                    return true;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    return IsTransient(aggregate.InnerExceptions[0], out readOnly);
            }
        }

        return false;
    }

    private async Task RetryAsync(string operation, Func<Task> call, CancellationToken cancellationToken) =>
        await RetryAsync(operation, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    private async Task<T> RetryAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await call();
                if (attempt > 1)
                {
                    Recovered(logger, operation, attempt, time.GetElapsedTime(started).TotalSeconds);
                }

                return result;
            }
            catch (Exception ex) when (IsTransient(ex, out var readOnly) && time.GetElapsedTime(started) < Budget && !cancellationToken.IsCancellationRequested)
            {
                if (readOnly)
                {
                    // The connection that answered stays read-only for its session: drop the pooled ones.
                    NpgsqlConnection.ClearAllPools();
                }

                Retrying(logger, operation, attempt, readOnly, ex.GetType().Name, ex.Message);
                await Task.Delay(Pause, time, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning,
        Message = "Membership table {Operation} failed (attempt {Attempt}, read-only server: {ReadOnly}): {ExceptionType}: {Reason}; trying again")]
    private static partial void Retrying(ILogger logger, string operation, int attempt, bool readOnly, string exceptionType, string reason);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information,
        Message = "Membership table {Operation} succeeded at attempt {Attempt}, {Seconds:F1} s after the first")]
    private static partial void Recovered(ILogger logger, string operation, int attempt, double seconds);
}
