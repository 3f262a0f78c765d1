using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.BusinessIdentities;

/// <summary>
/// An employee's identity for one organisation, keyed by its persistent professional UUID (<see cref="Id"/>). Carries
/// no name: what identifies the person is the bound private identity (<see cref="PersonId"/>).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.business-identity.record")]
public sealed record BusinessIdentity(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Cvr,
    [property: Id(2)] Guid? PersonId,
    [property: Id(3)] BusinessIdentityStatus Status,
    [property: Id(4)] LevelOfAssurance Loa,
    [property: Id(5)] string? ProductionUnit,
    [property: Id(6)] string? SeNumber,
    [property: Id(7)] ImmutableArray<Right> Rights,
    [property: Id(8)] long Version,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt)
{
    /// <summary>The identity as a creation leaves it: active, version 1, no rights.</summary>
    public static BusinessIdentity Created(Guid id, string cvr, EmployeeDetails employee, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(employee);
        return new(id, cvr, employee.PersonId, BusinessIdentityStatus.Active, employee.Loa, employee.ProductionUnit, employee.SeNumber, [], 1, at, at);
    }
}
