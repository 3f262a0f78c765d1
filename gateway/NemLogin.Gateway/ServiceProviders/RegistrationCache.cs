using System.Collections.Concurrent;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>
/// What a gateway keeps of the registrations it read (SAML service providers, OIDC clients), each for a cache time after
/// its read. <see cref="Forget"/> drops one at once, for a change made through this gateway; a read that began before a
/// <see cref="Forget"/> is stored as already stale, so it cannot put back what the change replaced. An absent
/// registration is never kept: an unknown name costs its read every time and takes no memory.
/// </summary>
/// <typeparam name="T">The kept form of a registration; null stands for one that exists but is not served (disabled).</typeparam>
internal sealed class RegistrationCache<T>(TimeProvider time, TimeSpan cacheTime)
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Raised by every Forget: a read that began before it must not store what it read as fresh.
    private long _generation;

    /// <summary>Whether anything is kept for <paramref name="id"/>, fresh or not (the name is known to exist).</summary>
    public bool Contains(string id) => _entries.ContainsKey(id);

    /// <summary>
    /// True with the kept value when it was read within the cache time; otherwise false, with what is kept (if anything)
    /// in <paramref name="stale"/> so an unchanged registration can be reused after its read.
    /// </summary>
    public bool TryGetFresh(string id, out T? value, out T? stale)
    {
        if (_entries.TryGetValue(id, out var known))
        {
            if (known.CheckedAt != 0 && time.GetElapsedTime(known.CheckedAt) < cacheTime)
            {
                value = known.Value;
                stale = null;
                return true;
            }

            stale = known.Value;
        }
        else
        {
            stale = null;
        }

        value = null;
        return false;
    }

    /// <summary>Taken before a read; passed to <see cref="Store"/> with what was read.</summary>
    public long BeginRead() => Interlocked.Read(ref _generation);

    /// <summary>Keeps what a read begun at <paramref name="readBegan"/> found; stale at once when a change was forgotten meanwhile.</summary>
    public void Store(string id, T? value, long readBegan)
    {
        var checkedAt = Interlocked.Read(ref _generation) == readBegan ? time.GetTimestamp() : 0;
        _entries[id] = new Entry(value, checkedAt);
    }

    /// <summary>The registration is gone: nothing is kept for it.</summary>
    public void Remove(string id) => _entries.TryRemove(id, out _);

    /// <summary>Drops what is kept for <paramref name="id"/>: it changed (or may have), so the next use reads it.</summary>
    public void Forget(string id)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(id, out _);
    }

    /// <param name="Value">The kept registration; null when it exists but is not served.</param>
    /// <param name="CheckedAt">When it was read (<see cref="TimeProvider.GetTimestamp"/>); 0: stale.</param>
    private sealed record Entry(T? Value, long CheckedAt);
}
