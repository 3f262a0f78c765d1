namespace NemLogin.Grains.OrganisationIdps;

/// <summary>An organisation's registered identity provider, as stored under the organisation's CVR.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.org-idp.record")]
public sealed record OrganisationIdp(
    [property: Id(0)] string Cvr,
    [property: Id(1)] OrganisationIdpRegistration Registration,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset UpdatedAt);
