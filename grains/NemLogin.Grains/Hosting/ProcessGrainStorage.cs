using Orleans.Storage;

namespace NemLogin.Grains.Hosting;

/// <summary>
/// One named store of the embedded host over the process's <see cref="ProcessStateTable"/>: state is kept serialized (as a
/// real store keeps it, so a grain never shares an object with storage) and read and written without a grain call,
/// unlike Orleans' memory storage, which routes every read and write through a storage grain. ETags are checked as a
/// database store checks them. State that does not expire by itself (<see cref="IExpiringState"/>) is kept for ever, or
/// for <paramref name="retention"/> after its last write when the store has one (audit records: see
/// <see cref="ExpiredStatePurgeOptions.AuditRetention"/>).
/// </summary>
internal sealed class ProcessGrainStorage(
    string storeName,
    ProcessStateTable table,
    IGrainStorageSerializer serializer,
    TimeProvider timeProvider,
    TimeSpan? retention = null) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (table.Find(new StateKey(storeName, stateName, grainId)) is { } stored)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Payload));
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var keptUntil = grainState.State switch
        {
            IExpiringState expiring => expiring.KeptUntil,
            _ when retention is { } kept => timeProvider.GetUtcNow() + kept,
            _ => DateTimeOffset.MaxValue,
        };
        var eTag = table.TryWrite(new StateKey(storeName, stateName, grainId), grainState.ETag, serializer.Serialize(grainState.State), keptUntil)
            ?? throw Stale(stateName, grainId, grainState.ETag);
        grainState.ETag = eTag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!table.TryRemove(new StateKey(storeName, stateName, grainId), grainState.ETag))
        {
            throw Stale(stateName, grainId, grainState.ETag);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private InconsistentStateException Stale(string stateName, GrainId grainId, string? eTag) =>
        new($"State '{stateName}' of {grainId} in store '{storeName}' changed since it was read (ETag {eTag ?? "none"}).");
}
