namespace NemLogin.LoadTests.Engine;

/// <summary>How the engine runs: stop rules, caps, and what to measure besides the scenarios.</summary>
public sealed record RunSettings
{
    /// <summary>Stop the run once this many iterations failed in all (0: never).</summary>
    public long MaxFailCount { get; init; }

    /// <summary>Most iterations in flight per scenario before new ones count as <c>runner.overloaded</c>.</summary>
    public int MaxInFlight { get; init; } = 5000;

    /// <summary>How long iterations still running at the end may take to finish before they are abandoned.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Width of one time-series point; null picks 1 s, or wider to keep about 600 points.</summary>
    public TimeSpan? BucketWidth { get; init; }

    /// <summary>Set for a stress run: each open-model phase is a step judged by these criteria; the run stops at the first that fails.</summary>
    public StressCriteria? Stress { get; init; }

    /// <summary>The broker's process on this machine, for its CPU time; null when it is elsewhere or unknown.</summary>
    public int? BrokerProcessId { get; init; }

    /// <summary>Called as the measured part starts (after warm-up), e.g. to start a profile.</summary>
    public Action? MeasurementStarted { get; init; }
}
