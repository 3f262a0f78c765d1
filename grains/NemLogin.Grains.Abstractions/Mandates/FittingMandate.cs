using System.Collections.Immutable;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Mandates;

/// <summary>
/// One answer of <see cref="IMandateIndexGrain.FindForAsync"/>: a mandate the grantee may use at one IT system now, with
/// what the login's choice page and assertion need. <see cref="GrantorCpr"/> is set for a person grantor only;
/// <see cref="GrantorCvr"/> for an organisation. <see cref="GrantorName"/> (a person's name, or an organisation's, which
/// may be a person's) is for the choice page: never log it, nor the CPR number. <see cref="Privileges"/> are scoped to the
/// grantor (<c>urn:dk:gov:saml:cprNumberIdentifier:&lt;cpr&gt;</c> or the CVR scope) and hold only what the system's
/// catalogue lists now; empty when the system has no catalogue.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.mandate.fitting")]
public sealed record FittingMandate(
    [property: Id(0)] Guid MandateId,
    [property: Id(1)] MandateKind Kind,
    [property: Id(2)] MandateParty Grantor,
    [property: Id(3)] string? GrantorCpr,
    [property: Id(4)] string? GrantorCvr,
    [property: Id(5)] string GrantorName,
    [property: Id(6)] DateTimeOffset ValidFrom,
    [property: Id(7)] DateTimeOffset? ValidTo,
    [property: Id(8)] ImmutableArray<GrantedPrivilege> Privileges)
{
    /// <summary>The scope the privileges carry: the grantor's CPR or CVR scope URN.</summary>
    public RightScope Scope => GrantorCpr is { } cpr ? RightScope.Person(cpr) : RightScope.Organisation(GrantorCvr!);
}
