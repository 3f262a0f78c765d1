using System.Collections.Immutable;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Mandates;

[GrainType("nl.mandate.index")]
public sealed class MandateIndexGrain(
    [PersistentState("mandate-index", StorageNames.Mandates)] IPersistentState<MandateIndexState> state,
    TimeProvider timeProvider) : Grain, IMandateIndexGrain
{
    private static readonly Comparer<MandateEntry> ById = Comparer<MandateEntry>.Create((a, b) => a.Id.CompareTo(b.Id));

    public Task<ImmutableArray<MandateEntry>> ListAsync() => Task.FromResult(state.State.Entries);

    public async Task<ImmutableArray<FittingMandate>> FindForAsync(ItSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var now = timeProvider.GetUtcNow();

        // The index narrows (no scan beyond this grantee's own entries); each mandate confirms, as it is the authority.
        var candidates = state.State.Entries.Where(e => e.Fits(system, now)).ToArray();
        if (candidates.Length == 0)
        {
            return [];
        }

        var answers = await Task.WhenAll(candidates.Select(e => GrainFactory.Reference<IMandateGrain>(e.Id).ResolveAsync(system)));
        return [.. answers.OfType<FittingMandate>().OrderBy(m => m.GrantorName, StringComparer.Ordinal).ThenBy(m => m.MandateId)];
    }

    public Task PutAsync(MandateEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entries = state.State.Entries;
        var at = Find(entries, entry.Id);
        if (at >= 0 && SameEntry(entries[at], entry))
        {
            return Task.CompletedTask;
        }

        return StoreAsync(at >= 0 ? entries.SetItem(at, entry) : entries.Insert(~at, entry));
    }

    public async Task RemoveAsync(Guid mandateId)
    {
        var at = Find(state.State.Entries, mandateId);
        if (at < 0)
        {
            return;
        }

        var entries = state.State.Entries.RemoveAt(at);
        await WriteAsync(entries);

        // Told after the write: should the call fail, the holder keeps "holds mandates" and logins keep asking (harmless).
        if (entries.IsEmpty)
        {
            await TellHolderAsync(held: false);
        }
    }

    private async Task StoreAsync(ImmutableArray<MandateEntry> entries)
    {
        // Told before the write: the holder's flag lets logins skip this index, so it must never say "none" while an entry
        // is listed here. A failure here leaves the index unchanged, and the mandate's retry tells again.
        if (state.State.Entries.IsEmpty)
        {
            await TellHolderAsync(held: true);
        }

        await WriteAsync(entries);
    }

    private Task TellHolderAsync(bool held) => MandateParty.FromKey(this.GetPrimaryKeyString()) switch
    {
        { PersonId: { } personId } => GrainFactory.Reference<IIdentityGrain>(personId).NoteMandatesHeldAsync(held),
        { Kind: MandatePartyKind.Organisation, Id: var cvr } => GrainFactory.Reference<IOrganisationGrain>(cvr).NoteMandatesHeldAsync(held),
        _ => Task.CompletedTask,
    };

    private static bool SameEntry(MandateEntry a, MandateEntry b) =>
        a.Grantor == b.Grantor && a.Status == b.Status && a.ValidFrom == b.ValidFrom && a.ValidTo == b.ValidTo && a.Systems.SequenceEqual(b.Systems);

    private static int Find(ImmutableArray<MandateEntry> entries, Guid id) =>
        entries.BinarySearch(new MandateEntry(id, MandateParty.Organisation(string.Empty), [], default, null, default), ById);

    private Task WriteAsync(ImmutableArray<MandateEntry> entries)
    {
        state.State = state.State with { Entries = entries };
        return state.WriteStateAsync();
    }
}
