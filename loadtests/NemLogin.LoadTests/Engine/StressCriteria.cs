namespace NemLogin.LoadTests.Engine;

/// <summary>
/// When a stress step has not held: p99 above the limit, errors above the limit, or completions falling behind the
/// injected rate (the broker no longer keeps up, whatever the latencies of what did complete).
/// </summary>
public sealed record StressCriteria(double MaxP99Ms = 200, double MaxFailPercent = 1, double MinThroughputRatio = 0.9);
