namespace NemLogin.LoadTests.Faults;

/// <summary>
/// One fault on the run's clock (seconds since the measured load began): injected, seen recovered by the live watch
/// (null: not within the recovery timeout), healing begun and done, and the window's end (the next injection or the end
/// of the run). What the inject and heal commands printed is kept for the report.
/// </summary>
public sealed record FaultWindow(
    string Name,
    double InjectedAt,
    double? SeenRecoveredAt,
    double HealStartedAt,
    double HealedAt,
    double EndsAt,
    IReadOnlyList<string> Output);
