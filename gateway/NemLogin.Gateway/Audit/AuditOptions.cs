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

    /// <summary>
    /// Refusal records (requests that were not accepted) kept per second, apart from the records of logins and changes: a
    /// flood of bad requests cannot crowd real events out of the buffer or the store. Beyond it refusals are counted, and
    /// the count is recorded once per flush.
    /// </summary>
    public int RefusalsPerSecond { get; set; } = 50;

    /// <summary>Refusal records that may arrive at once before <see cref="RefusalsPerSecond"/> applies.</summary>
    public int RefusalBurst { get; set; } = 200;
}
