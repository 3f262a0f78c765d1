namespace NemLogin.Grains.BusinessIdentities;

/// <summary>One business identity of a person, as the person's index lists it.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.business-identity.entry")]
public sealed record BusinessIdentityEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Cvr,
    [property: Id(2)] BusinessIdentityStatus Status);
