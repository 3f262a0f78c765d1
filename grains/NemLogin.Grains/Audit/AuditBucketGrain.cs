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
    private HashSet<Guid>? _ids;

    public async Task<ImmutableArray<AuditRecord>> AppendAsync(ImmutableArray<AuditRecord> records)
    {
        _ids ??= [.. state.State.Records.Select(r => r.Id)];
        var fresh = records.IsDefaultOrEmpty ? [] : records.Where(r => r is not null && !_ids.Contains(r.Id)).DistinctBy(r => r.Id).ToList();
        if (fresh.Count == 0)
        {
            return [];
        }

        // A page keeps at most PageRecords: the rest goes to the next page, or on the last page is dropped and counted.
        var room = Math.Max(0, AuditBucketKey.PageRecords - state.State.Records.Length);
        var kept = fresh.Take(room).ToList();
        ImmutableArray<AuditRecord> rest = [.. fresh.Skip(kept.Count)];
        var lastPage = AuditBucketKey.PageOf(this.GetPrimaryKeyString()) >= AuditBucketKey.MaxPages - 1;
        var dropped = lastPage ? rest.Length : 0;
        if (dropped > 0)
        {
            Log.AuditBucketFull(logger, this.GetPrimaryKeyString(), dropped);
        }

        if (kept.Count == 0 && dropped == 0)
        {
            return rest;
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
        return lastPage ? [] : rest;
    }

    public Task<ImmutableArray<AuditRecord>> QueryAsync(AuditFilter filter) => Task.FromResult(Matching(filter));

    public Task<AuditBucketAnswer> QueryPageAsync(AuditFilter filter) =>
        Task.FromResult(new AuditBucketAnswer(Matching(filter), state.State.Records.Length >= AuditBucketKey.PageRecords));

    private ImmutableArray<AuditRecord> Matching(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return [.. state.State.Records.Where(filter.Matches).OrderBy(r => r.Time).ThenBy(r => r.Id)];
    }
}
