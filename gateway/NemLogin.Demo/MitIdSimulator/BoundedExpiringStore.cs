namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// An in-memory map with a hard cap on entries and a lifetime per entry, so that flows started and abandoned cost
/// bounded memory (docs/security.md, Abuse). When full after dropping expired entries, it refuses new ones: the caller
/// sheds load with 503 rather than evicting someone's live login.
/// </summary>
internal sealed class BoundedExpiringStore<T>(int capacity, TimeProvider time) : ISimulatorStore<T>
    where T : class
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, (T Value, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Adds an entry living for <paramref name="lifetime"/>; false when the store is full or the key exists.</summary>
    public bool TryAdd(string key, T value, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.Count >= capacity)
            {
                PurgeExpired(now);
            }

            return _entries.Count < capacity && _entries.TryAdd(key, (value, now + lifetime));
        }
    }

    /// <summary>Reads a live entry without consuming it.</summary>
    public bool TryGet(string key, out T value)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                value = entry.Value;
                return true;
            }

            _entries.Remove(key);
            value = null!;
            return false;
        }
    }

    /// <summary>Removes the entry; true (with the value) only when it was still live. A key is taken at most once.</summary>
    public bool TryTake(string key, out T value)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.Remove(key, out var entry) && entry.ExpiresAt > now)
            {
                value = entry.Value;
                return true;
            }

            value = null!;
            return false;
        }
    }

    public Task<bool> TryAddAsync(string key, T value, TimeSpan lifetime) => Task.FromResult(TryAdd(key, value, lifetime));

    public Task<T?> GetAsync(string key) => Task.FromResult<T?>(TryGet(key, out var value) ? value : null);

    public Task<T?> TakeAsync(string key) => Task.FromResult<T?>(TryTake(key, out var value) ? value : null);

    private void PurgeExpired(DateTimeOffset now)
    {
        // A full scan at most once a second: a store held full by live entries must not turn every request into one.
        if (now - _lastPurge < PurgeInterval)
        {
            return;
        }

        _lastPurge = now;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }
}
