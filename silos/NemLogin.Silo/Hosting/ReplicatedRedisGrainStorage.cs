using Microsoft.Extensions.Logging;
using Orleans.Storage;
using StackExchange.Redis;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// A Redis grain store whose writes and clears count only once a replica holds them: after the store's own write
/// succeeds, <c>WAIT</c> on the same connection (the multiplexer's one connection to the master, so it covers that write)
/// asks how many replicas have it. Fewer than <see cref="RedisReplicationOptions.Replicas"/> fails the write, so the grain
/// call fails and nothing is acknowledged that a failover could lose. A clear (a logout) waits too: a lost one would bring
/// an ended session back. A master with no replica attached acknowledges alone only when
/// <see cref="RedisReplicationOptions.WriteWithoutReplica"/> allows it.
/// </summary>
internal sealed partial class ReplicatedRedisGrainStorage(
    string name, IGrainStorage inner, ClusterRedisConnection redis, RedisReplicationOptions options, ILogger logger)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        await ConfirmReplicatedAsync("write");
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        await ConfirmReplicatedAsync("write");
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.ClearStateAsync(stateName, grainId, grainState);
        await ConfirmReplicatedAsync("clear");
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
        await ConfirmReplicatedAsync("clear");
    }

    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }

    private async Task ConfirmReplicatedAsync(string operation)
    {
        if (options.Replicas <= 0)
        {
            return;
        }

        var database = (await redis.GetAsync()).GetDatabase();
        var acknowledged = (long)await database.ExecuteAsync("WAIT", options.Replicas, (long)options.Timeout.TotalMilliseconds);
        if (acknowledged >= options.Replicas)
        {
            return;
        }

        // ROLE on a master: ["master", offset, [[ip, port, offset], ...]], the replicas attached now.
        var role = (RedisResult[])(await database.ExecuteAsync("ROLE"))!;
        var attached = role.Length > 2 ? ((RedisResult[])role[2]!).Length : 0;
        if (attached == 0 && options.WriteWithoutReplica)
        {
            AcknowledgedWithoutReplica(logger, name, operation);
            return;
        }

        throw new RedisException(
            $"Grain store '{name}': {acknowledged} of {options.Replicas} replicas confirmed the {operation} within {options.Timeout.TotalMilliseconds:F0} ms ({attached} attached); it is not acknowledged.");
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Grain store {Store}: a {Operation} was acknowledged by the Redis master alone (no replica attached); it would be lost if the master died now")]
    private static partial void AcknowledgedWithoutReplica(ILogger logger, string store, string operation);
}
