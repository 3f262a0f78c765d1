namespace NemLogin.Grains.Requests;

/// <summary>
/// What a change made, as its entity remembers it for a repeated request: the version it produced, when, and (for a
/// change that created an entity) the id it created. The answer to a repeat is rebuilt from this and the (identical)
/// request, so it is the first answer, not the entity's state now.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.request.receipt")]
public sealed record ChangeReceipt(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset At)
{
    /// <summary>The entity the change created, when it created one.</summary>
    [Id(4)] public Guid? Created { get; init; }
}
