namespace NemLogin.LoadTests.Profiling;

/// <summary>A recorded profile summed up: working samples by category, and the busiest frames of the project's own code.</summary>
public sealed record HotPathProfile(
    long BusySamples,
    long IdleSamples,
    IReadOnlyList<(string Name, long Samples)> Categories,
    IReadOnlyList<(string Frame, long Samples)> TopOwnFramesInclusive,
    IReadOnlyList<(string Frame, long Samples)> TopFramesExclusive);
