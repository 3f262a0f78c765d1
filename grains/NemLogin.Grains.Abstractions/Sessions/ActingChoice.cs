namespace NemLogin.Grains.Sessions;

/// <summary>
/// One identity the person may act as, as the login page offers it: a business identity of an organisation
/// (<see cref="Cvr"/>, labelled with the organisation's name), the person themself, or a mandate (labelled with the
/// grantor's name). <see cref="Label"/> may be a person's name: never log it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.session.acting-choice")]
public sealed record ActingChoice(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string? Cvr,
    [property: Id(2)] string? Label)
{
    /// <summary>What <see cref="Id"/> names.</summary>
    [Id(3)] public ActingChoiceKind Kind { get; init; }

    /// <summary>The person acting for themself (next to mandates); its id is <see cref="Guid.Empty"/>.</summary>
    public static ActingChoice Self { get; } = new(Guid.Empty, null, null) { Kind = ActingChoiceKind.Self };
}
