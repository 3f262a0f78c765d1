namespace NemLogin.LoadTests.Simulations;

/// <summary>
/// A chain of <see cref="LoadSimulation"/>s compiled onto one clock. The open-model driver asks how many iterations
/// should have started by a time (the integral of the rate, so ramps inject exactly their area); the closed-model
/// driver asks how many copies should be looping.
/// </summary>
public sealed class SimulationPlan
{
    private SimulationPlan(IReadOnlyList<SimulationPhase> phases)
    {
        Phases = phases;
        Duration = phases.Count == 0 ? TimeSpan.Zero : phases[^1].End;
    }

    public IReadOnlyList<SimulationPhase> Phases { get; }

    public TimeSpan Duration { get; }

    public bool HasOpenPhases => Phases.Any(p => p.Kind == PhaseKind.Open);

    public bool HasClosedPhases => Phases.Any(p => p.Kind == PhaseKind.Closed);

    public static SimulationPlan Compile(IEnumerable<LoadSimulation> simulations)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        var phases = new List<SimulationPhase>();
        var clock = TimeSpan.Zero;
        var lastRate = 0.0;
        var lastCopies = 0;
        foreach (var simulation in simulations)
        {
            if (simulation.During <= TimeSpan.Zero)
            {
                throw new ArgumentException($"'{simulation.Describe()}' must last longer than zero.", nameof(simulations));
            }

            var end = clock + simulation.During;
            var phase = simulation switch
            {
                Inject inject => Open(simulation, clock, end, PerSecond(inject.Rate, inject.Interval), PerSecond(inject.Rate, inject.Interval)),
                RampingInject ramp => Open(simulation, clock, end, lastRate, PerSecond(ramp.Rate, ramp.Interval)),
                KeepConstant keep => Closed(simulation, clock, end, Copies(keep.Copies), keep.Copies),
                RampingConstant ramp => Closed(simulation, clock, end, lastCopies, Copies(ramp.Copies)),
                Pause => new SimulationPhase(simulation, PhaseKind.Pause, clock, end, 0, 0, 0, 0),
                _ => throw new ArgumentException($"Unknown load simulation {simulation.GetType().Name}.", nameof(simulations)),
            };
            phases.Add(phase);
            lastRate = phase.EndRatePerSecond;
            lastCopies = phase.EndCopies;
            clock = end;
        }

        return new SimulationPlan(phases);
    }

    /// <summary>The phase running at <paramref name="at"/>, or null before the start and after the end.</summary>
    public SimulationPhase? PhaseAt(TimeSpan at)
    {
        foreach (var phase in Phases)
        {
            if (at >= phase.Start && at < phase.End)
            {
                return phase;
            }
        }

        return null;
    }

    /// <summary>The open-model injection rate (iterations per second) at <paramref name="at"/>.</summary>
    public double RateAt(TimeSpan at) =>
        PhaseAt(at) is { Kind: PhaseKind.Open } phase
            ? phase.StartRatePerSecond + ((phase.EndRatePerSecond - phase.StartRatePerSecond) * phase.Progress(at))
            : 0;

    /// <summary>The closed-model copies that should be looping at <paramref name="at"/> (ramps round to the nearest copy).</summary>
    public int CopiesAt(TimeSpan at) =>
        PhaseAt(at) is { Kind: PhaseKind.Closed } phase
            ? (int)Math.Round(phase.StartCopies + ((phase.EndCopies - phase.StartCopies) * phase.Progress(at)), MidpointRounding.AwayFromZero)
            : 0;

    /// <summary>How many iterations the open-model phases should have started by <paramref name="at"/>: the area under the rate.</summary>
    public double InjectionsBy(TimeSpan at)
    {
        var total = 0.0;
        foreach (var phase in Phases)
        {
            if (phase.Kind != PhaseKind.Open || at <= phase.Start)
            {
                continue;
            }

            var until = at < phase.End ? at : phase.End;
            var seconds = (until - phase.Start).TotalSeconds;
            var rateAtUntil = phase.StartRatePerSecond + ((phase.EndRatePerSecond - phase.StartRatePerSecond) * phase.Progress(until));
            total += (phase.StartRatePerSecond + rateAtUntil) / 2 * seconds;
        }

        return total;
    }

    /// <summary>The highest open-model rate (per second) any phase reaches.</summary>
    public double PeakRatePerSecond => Phases.Count == 0 ? 0 : Phases.Max(p => Math.Max(p.StartRatePerSecond, p.EndRatePerSecond));

    private static SimulationPhase Open(LoadSimulation source, TimeSpan start, TimeSpan end, double from, double to) =>
        new(source, PhaseKind.Open, start, end, from, to, 0, 0);

    private static SimulationPhase Closed(LoadSimulation source, TimeSpan start, TimeSpan end, int from, int to) =>
        new(source, PhaseKind.Closed, start, end, 0, 0, from, to);

    private static double PerSecond(double rate, TimeSpan interval)
    {
        if (rate < 0 || interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("An injection rate must be zero or more per an interval longer than zero.");
        }

        return rate / interval.TotalSeconds;
    }

    private static int Copies(int copies) =>
        copies >= 0 ? copies : throw new ArgumentException("A number of copies must be zero or more.");
}
