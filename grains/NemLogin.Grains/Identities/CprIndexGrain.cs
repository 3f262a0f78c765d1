using System.Collections.Immutable;

namespace NemLogin.Grains.Identities;

[GrainType("nl.cpr-index")]
public sealed class CprIndexGrain(
    [PersistentState("cpr-index", StorageNames.Identities)] IPersistentState<CprIndexState> state) : Grain, ICprIndexGrain
{
    public Task<ImmutableArray<Guid>> FindAsync(string entry) =>
        Task.FromResult(entry is not null && state.State.Entries.TryGetValue(entry, out var ids) ? ids : []);

    public Task AddAsync(string entry, Guid identityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        var ids = state.State.Entries.GetValueOrDefault(entry, []);
        return ids.Contains(identityId) ? Task.CompletedTask : WriteAsync(state.State.Entries.SetItem(entry, ids.Add(identityId)));
    }

    public Task RemoveAsync(string entry, Guid identityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        if (!state.State.Entries.TryGetValue(entry, out var ids) || !ids.Contains(identityId))
        {
            return Task.CompletedTask;
        }

        var rest = ids.Remove(identityId);
        return WriteAsync(rest.IsEmpty ? state.State.Entries.Remove(entry) : state.State.Entries.SetItem(entry, rest));
    }

    private Task WriteAsync(ImmutableDictionary<string, ImmutableArray<Guid>> entries)
    {
        state.State = state.State with { Entries = entries };
        return state.WriteStateAsync();
    }
}
