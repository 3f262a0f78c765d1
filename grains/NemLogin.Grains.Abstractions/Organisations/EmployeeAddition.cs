using NemLogin.Grains.BusinessIdentities;

namespace NemLogin.Grains.Organisations;

/// <summary>One employee of a batch (<see cref="IOrganisationGrain.AddEmployeesAsync"/>): its own request id and details, as a single addition takes them.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.organisation.employee-addition")]
public sealed record EmployeeAddition(
    [property: Id(0)] string RequestId,
    [property: Id(1)] EmployeeDetails Employee);
