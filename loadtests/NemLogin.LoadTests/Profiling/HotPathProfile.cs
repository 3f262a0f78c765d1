namespace NemLogin.LoadTests.Profiling;

/// <summary>
/// A recorded profile summed up: working samples by category, the busiest frames of the project's own code, and the
/// allocation sample (bytes the GC's allocation ticks stand for) by type and by the project's frames that led to it.
/// </summary>
public sealed record HotPathProfile(
    long BusySamples,
    long IdleSamples,
    IReadOnlyList<(string Name, long Samples)> Categories,
    IReadOnlyList<(string Frame, long Samples)> TopOwnFramesInclusive,
    IReadOnlyList<(string Frame, long Samples)> TopFramesExclusive)
{
    /// <summary>Bytes allocated while recording, as the allocation ticks count them (each stands for about 100 KB).</summary>
    public long AllocatedBytes { get; init; }

    public IReadOnlyList<(string Type, long Bytes)> TopAllocatedTypes { get; init; } = [];

    /// <summary>
    /// Bytes by the project's frame nearest the allocation (the own code that asked for it): unlike an inclusive sum, an
    /// await's resumed chain of callers does not make every caller look like an allocator.
    /// </summary>
    public IReadOnlyList<(string Frame, long Bytes)> TopAllocatingOwnFrames { get; init; } = [];

    /// <summary>The frame text whose callers were summed (<c>--callers</c>), or null.</summary>
    public string? CallersOf { get; init; }

    /// <summary>Working samples by the call path that led to <see cref="CallersOf"/> (callers nearest first).</summary>
    public IReadOnlyList<(string Path, long Samples)> Callers { get; init; } = [];
}

/// <summary>One GC allocation tick: the type that crossed the tick, the bytes it stands for, its stack (top frame first).</summary>
public sealed record AllocationSample(string Type, long Bytes, IReadOnlyList<string> Frames);
