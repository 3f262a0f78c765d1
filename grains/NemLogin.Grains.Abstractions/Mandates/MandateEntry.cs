using System.Collections.Immutable;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Mandates;

/// <summary>One mandate as its grantee's <see cref="IMandateIndexGrain"/> lists it: whose, for which systems, when.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.mandate.entry")]
public sealed record MandateEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] MandateParty Grantor,
    [property: Id(2)] ImmutableArray<ItSystem> Systems,
    [property: Id(3)] DateTimeOffset ValidFrom,
    [property: Id(4)] DateTimeOffset? ValidTo,
    [property: Id(5)] MandateStatus Status)
{
    /// <summary>Whether the entry could fit a login at <paramref name="system"/> at <paramref name="now"/>.</summary>
    public bool Fits(ItSystem system, DateTimeOffset now) =>
        Status == MandateStatus.Active && ValidFrom <= now && (ValidTo is not { } to || now < to) && Systems.Contains(system);
}
