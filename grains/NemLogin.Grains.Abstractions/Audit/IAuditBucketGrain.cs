using System.Collections.Immutable;

namespace NemLogin.Grains.Audit;

/// <summary>
/// One page of the audit records of one minute and one shard (key from <see cref="AuditBucketKey"/>). Writers batch
/// (the login path never waits for this grain); readers scan the buckets of a time range.
/// </summary>
[Alias("nl.audit.bucket")]
public interface IAuditBucketGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the records, each once (by <see cref="AuditRecord.Id"/>), so a retried batch is harmless, as far as the page
    /// has room; returns those that did not fit, for the next page (none from the last page, which drops and counts them).
    /// </summary>
    [Alias("append.paged")]
    Task<ImmutableArray<AuditRecord>> AppendAsync(ImmutableArray<AuditRecord> records);

    /// <summary>The records of this page matching <paramref name="filter"/>, ordered by time then id.</summary>
    [Alias("query")]
    Task<ImmutableArray<AuditRecord>> QueryAsync(AuditFilter filter);

    /// <summary>As <see cref="QueryAsync"/>, and whether the page is full (so the next page may hold more).</summary>
    [Alias("query.paged")]
    Task<AuditBucketAnswer> QueryPageAsync(AuditFilter filter);
}

/// <summary>A page's records that matched a filter, and whether the page is full.</summary>
[GenerateSerializer, Immutable, Alias("nl.audit.bucket.answer")]
public sealed record AuditBucketAnswer([property: Id(0)] ImmutableArray<AuditRecord> Records, [property: Id(1)] bool Full);
