namespace NemLogin.Grains.LoginFlows;

/// <summary>The answer to <see cref="ILoginFlowGrain.TakeAsync"/>: the pending login when it was taken, and why not otherwise.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.flow.take")]
public sealed record FlowTake(
    [property: Id(0)] FlowTakeOutcome Outcome,
    [property: Id(1)] PendingLogin? Pending)
{
    public static FlowTake Unknown { get; } = new(FlowTakeOutcome.Unknown, null);

    public static FlowTake OtherBrowser { get; } = new(FlowTakeOutcome.OtherBrowser, null);
}
