namespace NemLogin.Gateway.Audit;

/// <summary>How the gateway buffers audit records on their way to the grain store (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>How long records gather before a batch is written; the login path never waits for it.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most records written in one grain call.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Records held in memory while the store is slow; beyond this new records are dropped and counted in the log.</summary>
    public int BufferCapacity { get; set; } = 100_000;
}
