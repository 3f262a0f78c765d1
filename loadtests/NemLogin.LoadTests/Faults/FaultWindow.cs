namespace NemLogin.LoadTests.Faults;

/// <summary>
/// One fault on the run's clock (seconds since the measured load began): injected (the inject command returned: killing
/// or stopping is its last act), failed over (the await command returned: the cluster's own reaction is complete),
/// seen recovered by the live watch (null: not within the recovery timeout), healing begun and done, and the window's
/// end (the next injection or the end of the run). What the commands printed is kept for the report.
/// </summary>
public sealed record FaultWindow(
    string Name,
    double InjectedAt,
    double FailedOverAt,
    double? SeenRecoveredAt,
    double HealStartedAt,
    double HealedAt,
    double EndsAt,
    IReadOnlyList<string> Output);
