namespace NemLogin.LoadTests.Simulations;

/// <summary>
/// One compiled step of a plan on the plan's own clock: rates in iterations per second (open model) or copies
/// (closed model), each moving linearly from its start value to its end value.
/// </summary>
public sealed record SimulationPhase(
    LoadSimulation Source,
    PhaseKind Kind,
    TimeSpan Start,
    TimeSpan End,
    double StartRatePerSecond,
    double EndRatePerSecond,
    int StartCopies,
    int EndCopies)
{
    public TimeSpan Duration => End - Start;

    /// <summary>Fraction of the phase elapsed at <paramref name="at"/> (0 to 1).</summary>
    public double Progress(TimeSpan at) =>
        Duration <= TimeSpan.Zero ? 1 : Math.Clamp((at - Start) / Duration, 0, 1);
}
