using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;

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
    /// <summary>Professional profile: the business identity asserted, its organisation and this IT system's rights.</summary>
    [Id(4)] public BusinessRights? Professional { get; init; }

    /// <summary>
    /// The mandate the person acts under, null when acting for themself. Citizen profile: the NameID stays the person's own,
    /// the privileges are scoped to the grantor. Professional profile: a mandate the employee's organisation holds; the
    /// NameID stays the business identity's and <see cref="Professional"/> carries the mandate's privileges.
    /// </summary>
    [Id(6)] public FittingMandate? OnBehalfOf { get; init; }

    /// <summary><see cref="SessionAssertionOutcome.ChoiceNeeded"/>: the identities the person may act as.</summary>
    [Id(5)] public ImmutableArray<ActingChoice> Choices { get; init; } = [];

    /// <summary>
    /// The level the assertion states: the session's, or for a business identity the lower of the session's and the
    /// identity's own (an employee's identity assurance bounds what the organisation's login proves).
    /// </summary>
    public LevelOfAssurance Loa => Session is { } session ? LevelFor(session.Loa, Professional) : LevelOfAssurance.None;

    /// <summary>The level a session at <paramref name="session"/> asserts, acting as <paramref name="professional"/> when set.</summary>
    public static LevelOfAssurance LevelFor(LevelOfAssurance session, BusinessRights? professional) =>
        professional is not null && professional.Loa < session ? professional.Loa : session;

    public static SessionAssertion NoSession { get; } = new(SessionAssertionOutcome.NoSession, null, null, null);

    public static SessionAssertion LevelTooLow { get; } = new(SessionAssertionOutcome.LevelTooLow, null, null, null);

    public static SessionAssertion NotFresh { get; } = new(SessionAssertionOutcome.NotFresh, null, null, null);

    public static SessionAssertion OtherPerson { get; } = new(SessionAssertionOutcome.OtherPerson, null, null, null);

    public static SessionAssertion NoFittingIdentity { get; } = new(SessionAssertionOutcome.NoFittingIdentity, null, null, null);

    public static SessionAssertion ChoiceNeeded(ImmutableArray<ActingChoice> choices) =>
        new(SessionAssertionOutcome.ChoiceNeeded, null, null, null) { Choices = choices };
}
