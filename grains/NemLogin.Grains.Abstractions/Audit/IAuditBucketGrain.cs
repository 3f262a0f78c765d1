using System.Collections.Immutable;

namespace NemLogin.Grains.Audit;

/// <summary>
/// The audit records of one minute and one shard (key from <see cref="AuditBucketKey"/>). Writers batch (the login path
/// never waits for this grain); readers scan the buckets of a time range.
/// </summary>
[Alias("nl.audit.bucket")]
public interface IAuditBucketGrain : IGrainWithStringKey
{
    /// <summary>Stores the records, each once (by <see cref="AuditRecord.Id"/>), so a retried batch is harmless.</summary>
    [Alias("append")]
    Task AppendAsync(ImmutableArray<AuditRecord> records);

    /// <summary>The records matching <paramref name="filter"/>, ordered by time then id.</summary>
    [Alias("query")]
    Task<ImmutableArray<AuditRecord>> QueryAsync(AuditFilter filter);
}
