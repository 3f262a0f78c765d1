using System.Collections.Immutable;

namespace NemLogin.Grains.Identities;

[GenerateSerializer, Alias("nl.identity.state")]
public sealed record IdentityState
{
    [Id(0)] public IdentityKind Kind { get; init; }
    [Id(1)] public PersonAttributes? Attributes { get; init; }
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(4)] public Guid CprUuid { get; init; }

    /// <summary>The persistent pseudonym handed to each service provider, by SP entityID.</summary>
    [Id(5)] public ImmutableDictionary<string, Guid> Pseudonyms { get; init; } = ImmutableDictionary<string, Guid>.Empty;

    /// <summary>Whether the CPR number in <see cref="Attributes"/> is filed in its <see cref="ICprIndexGrain"/> (false for identities stored before the index).</summary>
    [Id(6)] public bool CprIndexed { get; init; }

    /// <summary>
    /// Whether the person's mandate index lists any received mandate, as the index last said; null for identities stored
    /// before the index kept it (logins then ask the index).
    /// </summary>
    [Id(7)] public bool? MandatesHeld { get; init; }
}
