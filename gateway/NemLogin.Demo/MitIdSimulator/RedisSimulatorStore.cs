using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NemLogin.ClusterTls;
using StackExchange.Redis;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// The simulator's entries in the cluster's Redis, so that any gateway serves any step of a simulated MitID login (the
/// front balancer is not sticky). Redis expires each key with its entry's lifetime; a take is one <c>GETDEL</c>, so two
/// gateways redeeming one code race for it and one wins. No count cap: the lifetimes bound what an abandoned flow costs,
/// and the cluster's Redis is sized for its sessions already. An entry added, and a code taken, count only once a replica
/// holds the change (<see cref="RedisReplicationGuard"/>, when the gateway has one): a failover must neither lose a
/// pending login the browser is about to finish nor bring back a code already redeemed.
/// </summary>
internal sealed class RedisSimulatorStore<T>(IConnectionMultiplexer redis, string kind, RedisReplicationGuard? guard = null) : ISimulatorStore<T>
    where T : class
{
    private const string Prefix = "nemlogin:mitid-sim:";

    public async Task<bool> TryAddAsync(string key, T value, TimeSpan lifetime)
    {
        var added = await redis.GetDatabase().StringSetAsync(Key(key), JsonSerializer.SerializeToUtf8Bytes(value), lifetime, When.NotExists);
        if (added && guard is not null)
        {
            await guard.ConfirmAsync(Store, "add");
        }

        return added;
    }

    public async Task<T?> GetAsync(string key) => Read(await redis.GetDatabase().StringGetAsync(Key(key)));

    public async Task<T?> TakeAsync(string key)
    {
        var taken = Read(await redis.GetDatabase().StringGetDeleteAsync(Key(key)));
        if (taken is not null && guard is not null)
        {
            await guard.ConfirmAsync(Store, "take");
        }

        return taken;
    }

    private string Store => "mitid-sim:" + kind;

    private static T? Read(RedisValue value) => value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>((byte[])value!);

    /// <summary>The key holds a hash of the token, so whoever can list Redis keys learns no live code or pending id.</summary>
    private RedisKey Key(string token) => Prefix + kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
