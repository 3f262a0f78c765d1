namespace NemLogin.Grains.Rights;

/// <summary>One privilege of one IT system held by a business identity, within one scope of its organisation.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.right")]
public sealed record Right(
    [property: Id(0)] ItSystem System,
    [property: Id(1)] string Privilege,
    [property: Id(2)] RightScope Scope);
