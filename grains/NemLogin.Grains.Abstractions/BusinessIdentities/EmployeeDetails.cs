using NemLogin.Grains.Assurance;

namespace NemLogin.Grains.BusinessIdentities;

/// <summary>
/// What an organisation's administrator gives a new business identity: the private identity it is bound to when there is
/// one (an <see cref="Identities.IIdentityGrain"/> id), its level of assurance, and optionally the production unit or SE
/// number of the organisation the employee works under.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.business-identity.employee")]
public sealed record EmployeeDetails(
    [property: Id(0)] Guid? PersonId,
    [property: Id(1)] LevelOfAssurance Loa,
    [property: Id(2)] string? ProductionUnit,
    [property: Id(3)] string? SeNumber);
