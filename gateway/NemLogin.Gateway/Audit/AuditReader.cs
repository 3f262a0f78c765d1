using System.Collections.Immutable;
using NemLogin.Grains.Audit;
using NemLogin.Grains;

namespace NemLogin.Gateway.Audit;

/// <summary>
/// Answers audit queries by scanning the buckets of the time range in order, a window of minutes at a time, and stops
/// as soon as a page is full. The range is capped (<see cref="MaxRange"/>) so one query cannot activate unbounded grains.
/// </summary>
internal sealed class AuditReader(IGrainFactory grains)
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(1);

    /// <summary>Minutes whose buckets are asked in parallel.</summary>
    private const int WindowMinutes = 15;

    public async Task<AuditPage> QueryAsync(AuditFilter filter, int limit, AuditCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var found = new List<AuditRecord>();
        var start = AuditBucketKey.Start(after is { } cursor && cursor.Time > filter.From ? cursor.Time : filter.From);
        while (start < filter.To && found.Count <= limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var windowEnd = start + (AuditBucketKey.Width * WindowMinutes);
            var asks = new List<Task<ImmutableArray<AuditRecord>>>();
            for (var minute = start; minute < windowEnd && minute < filter.To; minute += AuditBucketKey.Width)
            {
                for (var shard = 0; shard < AuditBucketKey.Shards; shard++)
                {
                    asks.Add(ReadShardAsync(minute, shard, filter));
                }
            }

            var answers = await Task.WhenAll(asks);
            found.AddRange(answers
                .SelectMany(a => a)
                .Where(r => after is not { } c || c.Precedes(r.Time, r.Id))
                .OrderBy(r => r.Time)
                .ThenBy(r => r.Id));
            start = windowEnd;
        }

        if (found.Count <= limit)
        {
            return new AuditPage(found, null);
        }

        var page = found.Take(limit).ToList();
        return new AuditPage(page, new AuditCursor(page[^1].Time, page[^1].Id));
    }

    // A shard's minute: its pages in order, the next only while the one before is full.
    private async Task<ImmutableArray<AuditRecord>> ReadShardAsync(DateTimeOffset minute, int shard, AuditFilter filter)
    {
        var records = ImmutableArray.CreateBuilder<AuditRecord>();
        for (var page = 0; page < AuditBucketKey.MaxPages; page++)
        {
            var answer = await grains.Reference<IAuditBucketGrain>(AuditBucketKey.For(minute, shard, page)).QueryPageAsync(filter);
            records.AddRange(answer.Records);
            if (!answer.Full)
            {
                break;
            }
        }

        return records.ToImmutable();
    }
}
