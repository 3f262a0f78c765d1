using NemLogin.Grains.Identities;

namespace NemLogin.Grains.Sessions;

/// <summary>
/// The session's answer to a party: when <see cref="Outcome"/> is <see cref="SessionAssertionOutcome.Asserted"/>, the
/// session, what the party may learn about the person (<see cref="Release"/>) and the party's participant record (its
/// subject identifier and SessionIndex, kept for logout).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.assertion")]
public sealed record SessionAssertion(
    [property: Id(0)] SessionAssertionOutcome Outcome,
    [property: Id(1)] SessionSnapshot? Session,
    [property: Id(2)] AttributeRelease? Release,
    [property: Id(3)] SessionParticipant? Participant)
{
    public static SessionAssertion NoSession { get; } = new(SessionAssertionOutcome.NoSession, null, null, null);

    public static SessionAssertion LevelTooLow { get; } = new(SessionAssertionOutcome.LevelTooLow, null, null, null);

    public static SessionAssertion NotFresh { get; } = new(SessionAssertionOutcome.NotFresh, null, null, null);

    public static SessionAssertion OtherPerson { get; } = new(SessionAssertionOutcome.OtherPerson, null, null, null);
}
