using System.Collections.Immutable;

namespace NemLogin.Grains.BusinessIdentities;

[GrainType("nl.business-identity.index")]
public sealed class BusinessIdentityIndexGrain(
    [PersistentState("business-identity-index", StorageNames.Organisations)] IPersistentState<BusinessIdentityIndexState> state) : Grain, IBusinessIdentityIndexGrain
{
    public Task<ImmutableArray<BusinessIdentityEntry>> ListAsync() => Task.FromResult(state.State.Entries);

    public Task PutAsync(BusinessIdentityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entries = state.State.Entries;
        var at = Find(entries, entry.Id);
        if (at >= 0 && entries[at] == entry)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(at >= 0 ? entries.SetItem(at, entry) : entries.Insert(~at, entry));
    }

    public Task RemoveAsync(Guid businessIdentityId)
    {
        var at = Find(state.State.Entries, businessIdentityId);
        return at < 0 ? Task.CompletedTask : WriteAsync(state.State.Entries.RemoveAt(at));
    }

    private static readonly Comparer<BusinessIdentityEntry> ById = Comparer<BusinessIdentityEntry>.Create((a, b) => a.Id.CompareTo(b.Id));

    private static int Find(ImmutableArray<BusinessIdentityEntry> entries, Guid id) =>
        entries.BinarySearch(new BusinessIdentityEntry(id, string.Empty, default), ById);

    private Task WriteAsync(ImmutableArray<BusinessIdentityEntry> entries)
    {
        state.State = state.State with { Entries = entries };
        return state.WriteStateAsync();
    }
}
