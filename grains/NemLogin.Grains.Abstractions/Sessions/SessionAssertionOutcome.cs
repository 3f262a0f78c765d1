namespace NemLogin.Grains.Sessions;

/// <summary>Whether a session could answer a party. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.session.assertion-outcome")]
public enum SessionAssertionOutcome
{
    /// <summary>The party is a participant now; the release and its subject identifier are in the answer.</summary>
    Asserted = 0,

    /// <summary>No live session (never started, ended, idle or past its absolute lifetime).</summary>
    NoSession = 1,

    /// <summary>The session's level is below what the party requires: a new authentication is needed.</summary>
    LevelTooLow = 2,

    /// <summary>The session's authentication is older than <see cref="AssertionRequest.AuthenticatedSince"/>: a new one is needed.</summary>
    NotFresh = 3,

    /// <summary>The session is not the person <see cref="AssertionRequest.ExpectedPseudonym"/> names.</summary>
    OtherPerson = 4,

    /// <summary>
    /// Professional profile: more than one of the person's business identities fits; the person chooses whom to act as
    /// (<see cref="SessionAssertion.Choices"/>) and the party asks again with <see cref="AssertionRequest.ActingAs"/>.
    /// </summary>
    ChoiceNeeded = 5,

    /// <summary>
    /// Professional profile: the person has no business identity that can act now (none, suspended, its organisation not
    /// active, or the chosen one is not the person's). Never answered with a citizen assertion instead.
    /// </summary>
    NoFittingIdentity = 6,
}
