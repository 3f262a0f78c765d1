using System.Collections.Immutable;

namespace NemLogin.Grains.BusinessIdentities;

[GenerateSerializer, Alias("nl.business-identity.index.state")]
public sealed record BusinessIdentityIndexState
{
    /// <summary>Ordered by business identity id.</summary>
    [Id(0)] public ImmutableArray<BusinessIdentityEntry> Entries { get; init; } = [];
}
