namespace NemLogin.Grains.Identities;

/// <summary>
/// What one service provider may learn about an identity: its pseudonym for that SP and the person's attributes,
/// with the CPR number present only when the SP is entitled to it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.identity.release")]
public sealed record AttributeRelease(
    [property: Id(0)] Guid Pseudonym,
    [property: Id(1)] IdentityKind Kind,
    [property: Id(2)] string GivenName,
    [property: Id(3)] string FamilyName,
    [property: Id(4)] DateOnly DateOfBirth,
    [property: Id(5)] string? CprNumber,
    [property: Id(6)] string? Email,
    [property: Id(7)] Guid CprUuid)
{
    /// <summary>
    /// Not released to anyone: true when the person is known to hold no received mandate, so the login need not ask the
    /// mandate index. False (the default, also for identities stored before the flag) means "ask".
    /// </summary>
    [Id(8)] public bool HoldsNoMandates { get; init; }
}
