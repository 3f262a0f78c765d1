using System.Globalization;
using NemLogin.Grains.Organisations;

namespace NemLogin.Grains.Mandates;

/// <summary>
/// A grantor or grantee: a person by private identity id (written <c>D</c>, lower case) or an organisation by CVR number.
/// <see cref="Id"/> keys the party's <see cref="IMandateIndexGrain"/> and <see cref="IMandateGrantorGrain"/>: the two forms
/// (36 characters with hyphens, 8 digits) never collide. Never a CPR number.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.mandate.party")]
public sealed record MandateParty(
    [property: Id(0)] MandatePartyKind Kind,
    [property: Id(1)] string Id)
{
    public static MandateParty Person(Guid identityId) => new(MandatePartyKind.Person, identityId.ToString("D", CultureInfo.InvariantCulture));

    public static MandateParty Organisation(string cvr) => new(MandatePartyKind.Organisation, cvr);

    /// <summary>The party a grain key names (a UUID for a person, a CVR number for an organisation), or null.</summary>
    public static MandateParty? FromKey(string? key) =>
        Guid.TryParseExact(key, "D", out var id) && id != Guid.Empty ? Person(id)
        : BusinessNumbers.IsCvr(key) ? Organisation(key!)
        : null;

    /// <summary>The person's identity id; null for an organisation.</summary>
    public Guid? PersonId => Kind == MandatePartyKind.Person && Guid.TryParseExact(Id, "D", out var id) ? id : null;

    /// <summary>A person with a non-empty UUID in canonical form, or an organisation with a valid CVR number.</summary>
    public bool IsWellFormed() => Kind switch
    {
        MandatePartyKind.Person => PersonId is { } id && id != Guid.Empty && Id == id.ToString("D", CultureInfo.InvariantCulture),
        MandatePartyKind.Organisation => BusinessNumbers.IsCvr(Id),
        _ => false,
    };

    public override string ToString() => (Kind == MandatePartyKind.Person ? "person " : "cvr ") + Id;
}
