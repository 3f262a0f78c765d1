using System.Collections.Concurrent;

namespace NemLogin.Grains.Hosting;

/// <summary>
/// The embedded host's grain state: every store's records in one process-wide table (the embedded host is one silo, so
/// nothing else reads it). Each record carries its expiry (<see cref="IExpiringState"/>) so that <see cref="Purge"/> can
/// drop what no grain will use again; without that, every login's flow, session and request IDs stayed for ever.
/// </summary>
internal sealed class ProcessStateTable
{
    private readonly ConcurrentDictionary<StateKey, StoredState> _records = new();
    private long _lastETag;

    /// <summary>Records held now (every store).</summary>
    public int Count => _records.Count;

    public StoredState? Find(StateKey key) => _records.TryGetValue(key, out var stored) ? stored : null;

    /// <summary>
    /// Stores <paramref name="payload"/> if the record is still at <paramref name="expectedETag"/> (null: absent); returns
    /// the new ETag, or null when another write came first (the caller's view is stale).
    /// </summary>
    public string? TryWrite(StateKey key, string? expectedETag, BinaryData payload, DateTimeOffset keptUntil)
    {
        var next = new StoredState(payload, NextETag(), keptUntil);
        if (expectedETag is null)
        {
            return _records.TryAdd(key, next) ? next.ETag : null;
        }

        return _records.TryGetValue(key, out var current) && current.ETag == expectedETag && _records.TryUpdate(key, next, current)
            ? next.ETag
            : null;
    }

    /// <summary>
    /// Removes the record if it is still at <paramref name="expectedETag"/>; false when another write came first. A record
    /// already gone (purged after its expiry) counts as removed: clearing wants it absent, and it is.
    /// </summary>
    public bool TryRemove(StateKey key, string? expectedETag) =>
        !_records.TryGetValue(key, out var current)
        || (current.ETag == expectedETag && _records.TryRemove(KeyValuePair.Create(key, current)));

    /// <summary>
    /// Removes every record that expired before <paramref name="cutOff"/>, each only at the version looked at: a record
    /// written meanwhile (a new use of an expired ID) stays. Returns how many went.
    /// </summary>
    public int Purge(DateTimeOffset cutOff)
    {
        var removed = 0;
        foreach (var record in _records)
        {
            if (record.Value.KeptUntil < cutOff && _records.TryRemove(record))
            {
                removed++;
            }
        }

        return removed;
    }

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A record's place: the store, the state's name and the grain.</summary>
internal readonly record struct StateKey(string Store, string StateName, GrainId GrainId);

/// <summary>A stored record: the serialized state, its version and when it expires (<see cref="DateTimeOffset.MaxValue"/>: never).</summary>
internal sealed record StoredState(BinaryData Payload, string ETag, DateTimeOffset KeptUntil);
