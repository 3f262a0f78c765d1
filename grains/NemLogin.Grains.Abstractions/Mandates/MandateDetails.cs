using System.Collections.Immutable;

namespace NemLogin.Grains.Mandates;

/// <summary>
/// What a grant or a request asks for. <see cref="ValidFrom"/> null means from the moment it is stored; <see cref="ValidTo"/>
/// null means until revoked. The kind follows the grantor: a person grants a citizen mandate (to a person only), an
/// organisation a business mandate (to an organisation or a person).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.mandate.details")]
public sealed record MandateDetails(
    [property: Id(0)] MandateParty Grantor,
    [property: Id(1)] MandateParty Grantee,
    [property: Id(2)] ImmutableArray<MandateSystem> Systems,
    [property: Id(3)] DateTimeOffset? ValidFrom,
    [property: Id(4)] DateTimeOffset? ValidTo)
{
    public MandateKind Kind => Grantor.Kind == MandatePartyKind.Person ? MandateKind.Citizen : MandateKind.Business;
}
