using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>
/// Confirms that a write just made through the process's one Redis connection is held by enough replicas (see
/// <see cref="RedisReplicationOptions"/>): a silo's session and login-flow writes, a gateway's data-protection keys and
/// the MitID simulator's entries. <c>WAIT</c> blocks the whole connection while it waits, and every Redis command of the
/// process shares that connection, so it is sent only when replicas are attached: how many the master has is read with
/// <c>ROLE</c> at most once a second (and again after a shortfall), never waited for in vain on every write. A master
/// with no replica acknowledges alone only when allowed and when most Sentinels name it the master.
/// </summary>
public sealed partial class RedisReplicationGuard(ClusterRedisConnection redis, RedisReplicationOptions options, TimeProvider time, ILogger<RedisReplicationGuard> logger)
{
    private static readonly TimeSpan RoleAge = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private (int Attached, DateTimeOffset Read) _role = (0, DateTimeOffset.MinValue);
    private bool _alone;

    /// <summary>Returns when the write may be acknowledged; throws a <see cref="RedisException"/> when it may not.</summary>
    public async Task ConfirmAsync(string store, string operation)
    {
        if (options.Replicas <= 0)
        {
            return;
        }

        var database = (await redis.GetAsync()).GetDatabase();
        var attached = await AttachedReplicasAsync(database, refresh: false);
        if (attached > 0)
        {
            var acknowledged = (long)await database.ExecuteAsync("WAIT", options.Replicas, (long)options.Timeout.TotalMilliseconds);
            if (acknowledged >= options.Replicas)
            {
                Alone(store, alone: false);
                return;
            }

            attached = await AttachedReplicasAsync(database, refresh: true);
            if (attached > 0)
            {
                throw new RedisException(
                    $"{acknowledged} of {options.Replicas} replicas confirmed the {operation} within {options.Timeout.TotalMilliseconds:F0} ms ({attached} attached); it is not acknowledged.");
            }
        }

        if (!options.WriteWithoutReplica)
        {
            throw new RedisException($"The Redis master has no replica attached; the {operation} is not acknowledged (Redis:Replication:WriteWithoutReplica is false).");
        }

        // Alone, the write survives only if this server stays the master: the Sentinels' majority must say it is.
        var server = await database.IdentifyEndpointAsync();
        if (!await redis.SentinelsNameMasterAsync(server))
        {
            // Both named in the message: a refusal must say which server answered and whom the majority names.
            var master = await redis.MajorityMasterAsync();
            throw new RedisException(
                $"The Redis server that took the {operation} ({server?.ToString() ?? "unknown"}) has no replica attached and most Sentinels do not name it the master (they name {master?.ToString() ?? "none"}: a stale master, or the minority side of a partition); it is not acknowledged.");
        }

        Alone(store, alone: true);
    }

    private async Task<int> AttachedReplicasAsync(IDatabase database, bool refresh)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!refresh && now - _role.Read < RoleAge)
            {
                return _role.Attached;
            }
        }

        // ROLE on a master: ["master", offset, [[ip, port, offset], ...]], the replicas attached now.
        var role = (RedisResult[])(await database.ExecuteAsync("ROLE"))!;
        var attached = role.Length > 2 && (string?)role[0] == "master" ? ((RedisResult[])role[2]!).Length : 0;
        lock (_gate)
        {
            _role = (attached, now);
        }

        return attached;
    }

    // Logged when the master starts or stops acknowledging alone, not on every write.
    private void Alone(string store, bool alone)
    {
        lock (_gate)
        {
            if (_alone == alone)
            {
                return;
            }

            _alone = alone;
        }

        if (alone)
        {
            AcknowledgingAlone(logger, store);
        }
        else
        {
            ReplicaConfirming(logger, store);
        }
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Redis master has no replica attached: replicated writes (first: {Store}) are acknowledged by the master alone and would be lost if it died now")]
    private static partial void AcknowledgingAlone(ILogger logger, string store);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information,
        Message = "A Redis replica confirms writes again (first: {Store}); a master failure loses nothing acknowledged")]
    private static partial void ReplicaConfirming(ILogger logger, string store);
}
