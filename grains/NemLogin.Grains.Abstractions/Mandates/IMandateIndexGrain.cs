using System.Collections.Immutable;
using NemLogin.Grains.Rights;
using Orleans.Concurrency;

namespace NemLogin.Grains.Mandates;

/// <summary>
/// The mandates one party holds, keyed by the grantee's <see cref="MandateParty.Id"/> (a person's identity id, an
/// organisation's CVR): what a login reads to find whom the person may act for, without scanning. Lists requested and
/// active mandates; revoked and expired ones leave it. Written only by <see cref="IMandateGrain"/>s, each after its own
/// write.
/// </summary>
[Alias("nl.mandate.index")]
public interface IMandateIndexGrain : IGrainWithStringKey
{
    /// <summary>The entries, ordered by mandate id.</summary>
    [Alias("list")]
    Task<ImmutableArray<MandateEntry>> ListAsync();

    /// <summary>
    /// The login's question: the mandates this grantee holds that fit <paramref name="system"/> now, each confirmed by the
    /// mandate itself, with the grantor and the privileges scoped to the grantor. Ordered by grantor name, then id.
    /// Empty when none fit.
    /// </summary>
    [Alias("find-for")]
    [AlwaysInterleave]
    Task<ImmutableArray<FittingMandate>> FindForAsync(ItSystem system);

    /// <summary>Adds or replaces the entry for <see cref="MandateEntry.Id"/>.</summary>
    [Alias("put")]
    Task PutAsync(MandateEntry entry);

    /// <summary>Removes the entry for <paramref name="mandateId"/>, if listed.</summary>
    [Alias("remove")]
    Task RemoveAsync(Guid mandateId);
}
