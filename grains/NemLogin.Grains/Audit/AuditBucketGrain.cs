using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace NemLogin.Grains.Audit;

// A bucket is written during its own minute and read rarely afterwards (an audit query): its records are in storage, so
// the activation, which holds them again with an ID set, is collected soon instead of after the default quarter of an hour.
[GrainType("nl.audit.bucket")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class AuditBucketGrain(
    [PersistentState("bucket", StorageNames.Audit)] IPersistentState<AuditBucketState> state,
    ILogger<AuditBucketGrain> logger) : Grain, IAuditBucketGrain
{
    /// <summary>
    /// One minute of one shard. Ordinary national load is a few hundred records here; the cap bounds memory and the
    /// rewritten state when a flood of refused requests arrives.
    /// </summary>
    internal const int MaxRecords = 20_000;

    private HashSet<Guid>? _ids;

    public async Task AppendAsync(ImmutableArray<AuditRecord> records)
    {
        _ids ??= [.. state.State.Records.Select(r => r.Id)];
        var fresh = records.IsDefaultOrEmpty ? [] : records.Where(r => r is not null && !_ids.Contains(r.Id)).DistinctBy(r => r.Id).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var room = Math.Max(0, MaxRecords - state.State.Records.Length);
        var kept = fresh.Take(room).ToList();
        var dropped = fresh.Count - kept.Count;
        if (dropped > 0)
        {
            Log.AuditBucketFull(logger, this.GetPrimaryKeyString(), dropped);
        }

        var previous = state.State;
        state.State = previous with
        {
            Records = previous.Records.AddRange(kept),
            Dropped = previous.Dropped + dropped,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The caller retries the batch: until a write succeeded these records do not count as stored.
            state.State = previous;
            throw;
        }

        _ids.UnionWith(kept.Select(r => r.Id));
    }

    public Task<ImmutableArray<AuditRecord>> QueryAsync(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Task.FromResult(state.State.Records
            .Where(filter.Matches)
            .OrderBy(r => r.Time)
            .ThenBy(r => r.Id)
            .ToImmutableArray());
    }
}
