namespace NemLogin.LoadTests.Engine;

/// <summary>The broker's resident set at a moment of the measured run (seconds since it started).</summary>
public sealed record MemorySample(double AtSeconds, long ResidentBytes);
