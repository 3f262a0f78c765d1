namespace NemLogin.Grains.Identities;

/// <summary>An identity as stored by the broker. Holds the CPR number; never hand it to an SP directly.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.identity.profile")]
public sealed record IdentityProfile(
    [property: Id(0)] Guid Id,
    [property: Id(1)] IdentityKind Kind,
    [property: Id(2)] PersonAttributes Attributes,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt);
