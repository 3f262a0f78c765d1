using System.Collections.Concurrent;
using System.Globalization;

namespace NemLogin.Grains.Hosting;

/// <summary>
/// The embedded host's grain state: every store's records in one process-wide table (the embedded host is one silo, so
/// nothing else reads it). Each record carries its expiry (<see cref="IExpiringState"/>) so that <see cref="Purge"/> can
/// drop what no grain will use again; without that, every login's flow, session and request IDs stayed for ever.
/// Records that must stay long (a SAML request ID for its 24-hour replay window) are many, so a record is kept small: the
/// version is a number (its ETag string is made when asked) and the record is a value inside the dictionary's node, not
/// objects of its own.
/// </summary>
internal sealed class ProcessStateTable
{
    private readonly ConcurrentDictionary<StateKey, StoredState> _records = new();
    private long _lastVersion;

    /// <summary>Records held now (every store).</summary>
    public int Count => _records.Count;

    public StoredState? Find(StateKey key) => _records.TryGetValue(key, out var stored) ? stored : null;

    /// <summary>
    /// Stores <paramref name="payload"/> if the record is still at <paramref name="expectedETag"/> (null: absent); returns
    /// the new ETag, or null when another write came first (the caller's view is stale).
    /// </summary>
    public string? TryWrite(StateKey key, string? expectedETag, BinaryData payload, DateTimeOffset keptUntil)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var next = new StoredState(payload.ToMemory(), Interlocked.Increment(ref _lastVersion), keptUntil);
        if (expectedETag is null)
        {
            return _records.TryAdd(key, next) ? next.ETag : null;
        }

        return _records.TryGetValue(key, out var current) && current.Matches(expectedETag) && _records.TryUpdate(key, next, current)
            ? next.ETag
            : null;
    }

    /// <summary>
    /// Removes the record if it is still at <paramref name="expectedETag"/>; false when another write came first. A record
    /// already gone (purged after its expiry) counts as removed: clearing wants it absent, and it is.
    /// </summary>
    public bool TryRemove(StateKey key, string? expectedETag) =>
        !_records.TryGetValue(key, out var current)
        || (current.Matches(expectedETag) && _records.TryRemove(KeyValuePair.Create(key, current)));

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
}

/// <summary>A record's place: the store, the state's name and the grain.</summary>
internal readonly record struct StateKey(string Store, string StateName, GrainId GrainId);

/// <summary>
/// A stored record: the serialized state, its version (unique across the table, so two records are equal only when they
/// are the same write) and when it expires (<see cref="DateTimeOffset.MaxValue"/>: never).
/// </summary>
internal readonly record struct StoredState(ReadOnlyMemory<byte> Payload, long Version, DateTimeOffset KeptUntil)
{
    /// <summary>The version as Orleans carries it.</summary>
    public string ETag => Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="eTag"/> names this version (null never does: a record exists).</summary>
    public bool Matches(string? eTag) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version == Version;
}
