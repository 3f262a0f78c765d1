using System.Collections.Immutable;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Organisations;

[GenerateSerializer, Alias("nl.organisation.state")]
public sealed record OrganisationState
{
    [Id(0)] public Organisation? Organisation { get; init; }

    /// <summary>Every business identity created for the organisation, in creation order.</summary>
    [Id(1)] public ImmutableArray<Guid> Employees { get; init; } = [];

    [Id(2)] public ImmutableArray<ChangeReceipt> Requests { get; init; } = [];

    /// <summary>
    /// Whether the organisation's mandate index lists any received mandate, as the index last said; null for organisations
    /// stored before the index kept it (logins then ask the index).
    /// </summary>
    [Id(3)] public bool? MandatesHeld { get; init; }
}
