using System.Collections.Immutable;

namespace NemLogin.Grains.Organisations;

/// <summary>
/// What an administrator sets on an organisation; a save replaces all of it. <see cref="Administrators"/> are business
/// identity ids of the organisation's own employees.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.organisation.details")]
public sealed record OrganisationDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<string> ProductionUnits,
    [property: Id(2)] ImmutableArray<string> SeNumbers,
    [property: Id(3)] OrganisationStatus Status,
    [property: Id(4)] ImmutableArray<Guid> Administrators);
