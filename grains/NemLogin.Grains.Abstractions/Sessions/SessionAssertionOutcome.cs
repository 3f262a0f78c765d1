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
}
