using System.Collections.Immutable;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Mandates;

/// <summary>A mandate as stored, keyed by its id (a random UUID chosen when it is granted or requested).</summary>
[GenerateSerializer, Immutable]
[Alias("nl.mandate.record")]
public sealed record Mandate(
    [property: Id(0)] Guid Id,
    [property: Id(1)] MandateParty Grantor,
    [property: Id(2)] MandateParty Grantee,
    [property: Id(3)] ImmutableArray<MandateSystem> Systems,
    [property: Id(4)] DateTimeOffset ValidFrom,
    [property: Id(5)] DateTimeOffset? ValidTo,
    [property: Id(6)] MandateStatus Status,
    [property: Id(7)] long Version,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt)
{
    public MandateKind Kind => Grantor.Kind == MandatePartyKind.Person ? MandateKind.Citizen : MandateKind.Business;

    /// <summary>Whether the mandate may be used at <paramref name="now"/>: active, started, not ended.</summary>
    public bool InForce(DateTimeOffset now) => Status == MandateStatus.Active && ValidFrom <= now && (ValidTo is not { } to || now < to);

    /// <summary>Whether its validity period is over at <paramref name="now"/>.</summary>
    public bool Ended(DateTimeOffset now) => ValidTo is { } to && now >= to;

    /// <summary>The entry for <paramref name="system"/>, or null when the mandate does not cover it.</summary>
    public MandateSystem? For(ItSystem system) => Systems.FirstOrDefault(s => s.System == system);

    public MandateEntry Entry() => new(Id, Grantor, [.. Systems.Select(s => s.System)], ValidFrom, ValidTo, Status);
}
