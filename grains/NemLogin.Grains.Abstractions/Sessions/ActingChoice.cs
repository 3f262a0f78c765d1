namespace NemLogin.Grains.Sessions;

/// <summary>
/// One identity the person may act as, as the login page offers it: a business identity and its organisation (the
/// option is labelled with the organisation's name, which may be a person's name: never log it).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.acting-choice")]
public sealed record ActingChoice(
    [property: Id(0)] Guid BusinessIdentityId,
    [property: Id(1)] string Cvr,
    [property: Id(2)] string? OrganisationName);
