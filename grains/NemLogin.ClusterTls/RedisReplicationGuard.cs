using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>
/// Confirms that a write just made on one Redis server (<see cref="ClusterRedisConnection.MasterAsync"/>) is held by
/// enough replicas (see <see cref="RedisReplicationOptions"/>): a silo's session and login-flow writes, a gateway's
/// data-protection keys and the MitID simulator's entries. Every command goes to that same server over the same
/// connection, so <c>WAIT</c> covers the write. <c>WAIT</c> blocks that connection while it waits, and every Redis command
/// of the process to that server shares it, so it is sent only when replicas are attached: how many the server has is
/// read with <c>ROLE</c> at most once a second (and again after a shortfall), never waited for in vain on every write. A
/// master with no replica acknowledges alone only when allowed and when most Sentinels name that server the master.
/// </summary>
public sealed partial class RedisReplicationGuard(ClusterRedisConnection redis, RedisReplicationOptions options, TimeProvider time, ILogger<RedisReplicationGuard> logger)
{
    private static readonly TimeSpan RoleAge = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private (EndPoint? Server, int Attached, DateTimeOffset Read) _role = (null, 0, DateTimeOffset.MinValue);
    private bool _alone;

    /// <summary>The server to write to now (see <see cref="ClusterRedisConnection.MasterAsync"/>).</summary>
    public Task<IServer> MasterAsync() => redis.MasterAsync();

    /// <summary>
    /// Returns when the write just made on <paramref name="server"/> may be acknowledged; throws a
    /// <see cref="RedisException"/> when it may not.
    /// </summary>
    public async Task ConfirmAsync(IServer server, string store, string operation)
    {
        if (options.Replicas <= 0)
        {
            return;
        }

        var attached = await AttachedReplicasAsync(server, refresh: false);
        if (attached > 0)
        {
            var acknowledged = (long)await server.ExecuteAsync("WAIT", options.Replicas, (long)options.Timeout.TotalMilliseconds);
            if (acknowledged >= options.Replicas)
            {
                Alone(store, alone: false);
                return;
            }

            attached = await AttachedReplicasAsync(server, refresh: true);
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

        // Alone, the write survives only if this server stays the master: the Sentinels' majority must say it is now (asked
        // afresh, not the answer that chose the server).
        if (!await redis.SentinelsNameMasterAsync(server.EndPoint))
        {
            redis.ForgetMaster();
            // Both named in the message: a refusal must say which server answered and whom the majority names.
            var master = await redis.MajorityMasterAsync();
            throw new RedisException(
                $"The Redis server that took the {operation} ({server.EndPoint}) has no replica attached and most Sentinels do not name it the master (they name {master?.ToString() ?? "none"}: a stale master, or the minority side of a partition); it is not acknowledged.");
        }

        Alone(store, alone: true);
    }

    private async Task<int> AttachedReplicasAsync(IServer server, bool refresh)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!refresh && now - _role.Read < RoleAge && Equals(_role.Server, server.EndPoint))
            {
                return _role.Attached;
            }
        }

        // ROLE on a master: ["master", offset, [[ip, port, offset], ...]], the replicas attached now.
        var role = (RedisResult[])(await server.ExecuteAsync("ROLE"))!;
        var attached = role.Length > 2 && (string?)role[0] == "master" ? ((RedisResult[])role[2]!).Length : 0;
        lock (_gate)
        {
            _role = (server.EndPoint, attached, now);
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
