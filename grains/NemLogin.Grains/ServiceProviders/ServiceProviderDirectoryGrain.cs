using System.Collections.Immutable;

namespace NemLogin.Grains.ServiceProviders;

[GrainType("nl.sp.directory")]
public sealed class ServiceProviderDirectoryGrain(
    [PersistentState("directory", StorageNames.ServiceProviders)] IPersistentState<ServiceProviderDirectoryState> state)
    : Grain, IServiceProviderDirectoryGrain
{
    public Task TrackAsync(string entityId, bool refreshesMetadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        var current = state.State;
        return WriteIfChangedAsync(current with
        {
            EntityIds = With(current.EntityIds, entityId),
            Refreshing = refreshesMetadata ? With(current.Refreshing, entityId) : Without(current.Refreshing, entityId),
        });
    }

    public Task ForgetAsync(string entityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        var current = state.State;
        return WriteIfChangedAsync(current with { EntityIds = Without(current.EntityIds, entityId), Refreshing = Without(current.Refreshing, entityId) });
    }

    public Task<bool> ContainsAsync(string entityId) =>
        Task.FromResult(entityId is not null && state.State.EntityIds.BinarySearch(entityId, StringComparer.Ordinal) >= 0);

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.EntityIds);

    public Task<ImmutableArray<string>> ListRefreshingAsync() => Task.FromResult(state.State.Refreshing);

    private static ImmutableArray<string> With(ImmutableArray<string> sorted, string entityId)
    {
        var at = sorted.BinarySearch(entityId, StringComparer.Ordinal);
        return at >= 0 ? sorted : sorted.Insert(~at, entityId);
    }

    private static ImmutableArray<string> Without(ImmutableArray<string> sorted, string entityId)
    {
        var at = sorted.BinarySearch(entityId, StringComparer.Ordinal);
        return at >= 0 ? sorted.RemoveAt(at) : sorted;
    }

    private async Task WriteIfChangedAsync(ServiceProviderDirectoryState next)
    {
        if (next.EntityIds == state.State.EntityIds && next.Refreshing == state.State.Refreshing)
        {
            return;
        }

        state.State = next;
        await state.WriteStateAsync();
    }
}
