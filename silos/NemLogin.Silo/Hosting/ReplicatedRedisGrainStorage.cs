using NemLogin.ClusterTls;
using Orleans.Storage;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// A Redis grain store whose writes and clears count only once a replica holds them: after the store's own write
/// succeeds, <see cref="RedisReplicationGuard"/> sends <c>WAIT</c> on the same connection (the silo's one connection to
/// the master, so it covers that write). Too few replicas fail the write, so the grain call fails and nothing is
/// acknowledged that a failover could lose. A clear (a logout) waits too: a lost one would bring an ended session back.
/// </summary>
internal sealed class ReplicatedRedisGrainStorage(string name, IGrainStorage inner, RedisReplicationGuard guard)
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

    private Task ConfirmReplicatedAsync(string operation) => guard.ConfirmAsync(name, operation);
}
