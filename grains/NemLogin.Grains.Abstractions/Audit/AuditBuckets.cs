using System.Collections.Immutable;

namespace NemLogin.Grains.Audit;

/// <summary>How audit records reach a shard's minute: its pages (<see cref="AuditBucketKey"/>) filled in order.</summary>
public static class AuditBuckets
{
    /// <summary>
    /// Appends <paramref name="records"/> to <paramref name="shard"/> of the minute <paramref name="time"/> falls in,
    /// from <paramref name="firstPage"/> on: what a page cannot take goes to the next, and the last page drops and counts
    /// what it cannot take. Returns the page that took the last of them, where the next append of that minute may start.
    /// Idempotent by record id, like each page's append.
    /// </summary>
    public static async Task<int> AppendAsync(IGrainFactory grains, DateTimeOffset time, int shard, ImmutableArray<AuditRecord> records, int firstPage = 0)
    {
        ArgumentNullException.ThrowIfNull(grains);
        for (var page = firstPage; ; page++)
        {
            records = await grains.Reference<IAuditBucketGrain>(AuditBucketKey.For(time, shard, page)).AppendAsync(records);
            if (records.IsEmpty || page == AuditBucketKey.MaxPages - 1)
            {
                return page;
            }
        }
    }
}
