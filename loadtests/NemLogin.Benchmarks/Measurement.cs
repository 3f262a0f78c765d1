namespace NemLogin.Benchmarks;

/// <summary>One measurement: what, at which parallelism, how many signatures in how long, and the process CPU time it took.</summary>
internal sealed record Measurement(string What, int Parallelism, long Signatures, TimeSpan Elapsed, TimeSpan Cpu)
{
    public double PerSecond => Signatures / Elapsed.TotalSeconds;

    /// <summary>Process CPU per signature: robust when other work shares the machine, unlike signatures per second.</summary>
    public double CpuMicrosecondsPerSignature => Signatures == 0 ? 0 : Cpu.TotalMicroseconds / Signatures;
}
