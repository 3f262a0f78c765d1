using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Organisations;

namespace NemLogin.Grains.Rights;

/// <summary>
/// The answer to "the rights of business identity X at IT system Y" (<see cref="IBusinessIdentityGrain.GetRightsAsync"/>):
/// what a professional assertion needs, in one call. <see cref="Privileges"/> holds that system's rights only, and is
/// empty unless <see cref="Usable"/>. <see cref="ProductionUnit"/> and <see cref="SeNumber"/> are left out when the
/// organisation no longer owns them. <see cref="OrganisationName"/> may be a person's name: never log it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.right.business-rights")]
public sealed record BusinessRights(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Cvr,
    [property: Id(2)] Guid? PersonId,
    [property: Id(3)] BusinessIdentityStatus Status,
    [property: Id(4)] LevelOfAssurance Loa,
    [property: Id(5)] string? ProductionUnit,
    [property: Id(6)] string? SeNumber,
    [property: Id(7)] string? OrganisationName,
    [property: Id(8)] OrganisationStatus? OrganisationStatus,
    [property: Id(9)] ImmutableArray<GrantedPrivilege> Privileges)
{
    /// <summary>Whether the employee may act for the organisation now: the identity and the organisation are both active.</summary>
    /// <summary>Copied from <see cref="Organisations.Organisation.HoldsNoMandates"/>: the organisation's index need not be asked.</summary>
    [Id(10)] public bool OrganisationHoldsNoMandates { get; init; }

    public bool Usable => Status == BusinessIdentityStatus.Active && OrganisationStatus == Organisations.OrganisationStatus.Active;
}
