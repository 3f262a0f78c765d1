namespace NemLogin.Grains.Sessions;

/// <summary>A party (SAML SP or OIDC client) that was signed in during this session (needed for single logout).</summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.participant")]
public sealed record SessionParticipant(
    [property: Id(0)] string ServiceProviderId,
    [property: Id(1)] string NameId,
    [property: Id(2)] string NameIdFormat,
    [property: Id(3)] string SessionIndex,
    [property: Id(4)] DateTimeOffset JoinedAt)
{
    /// <summary>SAML (the default, as every participant before OIDC) or OIDC.</summary>
    [Id(5)] public ParticipantProtocol Protocol { get; init; }
}
