namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// Where the simulator keeps login pages being filled in and codes not yet redeemed: in this process
/// (<see cref="BoundedExpiringStore{T}"/>) for one broker, in Redis (<see cref="RedisSimulatorStore{T}"/>) for a cluster,
/// where a login that starts at one gateway may be finished and redeemed at another behind an unsticky balancer.
/// </summary>
internal interface ISimulatorStore<T>
    where T : class
{
    /// <summary>Adds an entry living for <paramref name="lifetime"/>; false when the store is full or the key exists.</summary>
    Task<bool> TryAddAsync(string key, T value, TimeSpan lifetime);

    /// <summary>A live entry without consuming it, or null.</summary>
    Task<T?> GetAsync(string key);

    /// <summary>Removes the entry and answers it when it was still live; a key is taken at most once, across gateways too.</summary>
    Task<T?> TakeAsync(string key);
}
