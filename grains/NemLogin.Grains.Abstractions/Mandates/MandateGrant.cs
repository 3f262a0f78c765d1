namespace NemLogin.Grains.Mandates;

/// <summary>One grant of a batch (<see cref="IMandateGrantorGrain.GrantManyAsync"/>): its own request id and details, as a single grant takes them.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.mandate.grant")]
public sealed record MandateGrant(
    [property: Id(0)] string RequestId,
    [property: Id(1)] MandateDetails Details);
