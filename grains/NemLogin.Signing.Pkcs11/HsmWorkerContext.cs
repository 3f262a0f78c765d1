using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>What an operation gets on a pool thread: that thread's session, and a cache only that thread touches.</summary>
public sealed class HsmWorkerContext(IHsmSession session, Pkcs11InteropFactories factories, Dictionary<string, object> cache)
{
    public IHsmSession Session { get; } = session;

    public Pkcs11InteropFactories Factories { get; } = factories;

    /// <summary>Per-thread objects that are not thread-safe (public keys for verification), keyed by the caller.</summary>
    public T Cached<T>(string key, Func<T> create)
        where T : class
    {
        if (cache.TryGetValue(key, out var value))
        {
            return (T)value;
        }

        var created = create();
        cache[key] = created;
        return created;
    }
}
