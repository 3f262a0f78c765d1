namespace NemLogin.LoadTests.Progress;

/// <summary>A scenario as the live display shows it: what is asked, what completed so far, and the last second.</summary>
public sealed record ScenarioProgress(
    string Name,
    double TargetRate,
    int TargetCopies,
    long Ok,
    long Fail,
    long InFlight,
    double LastRps,
    double LastP50Ms,
    double LastP99Ms);
