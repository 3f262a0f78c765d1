namespace NemLogin.LoadTests.Engine;

/// <summary>One step of a stress staircase as measured: the rate asked for, what completed, and whether it held.</summary>
public sealed record StressStep(
    double TargetRate,
    double AchievedRps,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double FailPercent,
    bool Held,
    string? Why);
