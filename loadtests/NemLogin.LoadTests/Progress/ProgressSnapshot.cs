namespace NemLogin.LoadTests.Progress;

/// <summary>The state of a run at one moment, for the live display.</summary>
public sealed record ProgressSnapshot(string Stage, TimeSpan Elapsed, TimeSpan Total, IReadOnlyList<ScenarioProgress> Scenarios, string? Note);
