namespace NemLogin.Grains.Identities;

/// <summary>What an upstream identity provider asserted about a person.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.identity.person-attributes")]
public sealed record PersonAttributes(
    [property: Id(0)] string GivenName,
    [property: Id(1)] string FamilyName,
    [property: Id(2)] DateOnly DateOfBirth,
    [property: Id(3)] string? CprNumber,
    [property: Id(4)] string? Email);
