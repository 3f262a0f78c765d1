using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;

namespace NemLogin.Grains.Sessions;

/// <summary>
/// What a party (a SAML SP or an OpenID Connect client) asks of the session, protocol-neutral: whom to release to, at
/// which level at least, and how its subject identifier is written (a prefix and a format the front end chose; a transient
/// subject is fresh for every assertion, a persistent one is the party's pseudonym).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.assertion-request")]
public sealed record AssertionRequest(
    [property: Id(0)] string PartyId,
    [property: Id(1)] bool CprEntitled,
    [property: Id(2)] LevelOfAssurance RequiredLoa,
    [property: Id(3)] string SubjectPrefix,
    [property: Id(4)] string SubjectFormat,
    [property: Id(5)] bool TransientSubject)
{
    /// <summary>The protocol the party speaks; it decides how the party is told of a logout.</summary>
    [Id(6)] public ParticipantProtocol Protocol { get; init; } = ParticipantProtocol.Saml;

    /// <summary>
    /// When set, the session's authentication must have happened at or after this instant (OpenID Connect <c>max_age</c>,
    /// or <c>prompt=login</c> back from the login it caused); an older one answers <see cref="SessionAssertionOutcome.NotFresh"/>.
    /// </summary>
    [Id(7)] public DateTimeOffset? AuthenticatedSince { get; init; }

    /// <summary>
    /// When set, the party expects this person (its pseudonym, as an <c>id_token_hint</c> names it); the session of anyone
    /// else answers <see cref="SessionAssertionOutcome.OtherPerson"/>.
    /// </summary>
    [Id(8)] public Guid? ExpectedPseudonym { get; init; }

    /// <summary>
    /// The eID attribute profile asked for. <see cref="EidProfile.Professional"/> asserts one of the person's business
    /// identities (never the citizen), with that IT system's rights.
    /// </summary>
    [Id(9)] public EidProfile Profile { get; init; }

    /// <summary>
    /// Whom the person chose to act as (the login page's choice: a business identity, a mandate, or
    /// <see cref="Guid.Empty"/> for themself); null lets the session decide when only one fits, or answer
    /// <see cref="SessionAssertionOutcome.ChoiceNeeded"/>.
    /// </summary>
    [Id(10)] public Guid? ActingAs { get; init; }
}
