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
/// and the cluster's Redis is sized for its sessions already. Every command goes to the master most Sentinels name, and
/// an entry added or a code taken counts only once a replica holds the change, confirmed on that same server
/// (<see cref="RedisReplicationGuard"/>): a failover must neither lose a pending login the browser is about to finish
/// nor bring back a code already redeemed.
/// </summary>
internal sealed class RedisSimulatorStore<T>(RedisReplicationGuard guard, string kind) : ISimulatorStore<T>
    where T : class
{
    private const string Prefix = "nemlogin:mitid-sim:";

    public async Task<bool> TryAddAsync(string key, T value, TimeSpan lifetime)
    {
        var server = await guard.MasterAsync();
        // SET … NX answers OK when it set the key and nil when the key was there.
        var set = await server.ExecuteAsync("SET", Key(key), JsonSerializer.SerializeToUtf8Bytes(value), "PX", (long)lifetime.TotalMilliseconds, "NX");
        if (set.IsNull)
        {
            return false;
        }

        await guard.ConfirmAsync(server, Store, "add");
        return true;
    }

    public async Task<T?> GetAsync(string key) => Read((RedisValue)await (await guard.MasterAsync()).ExecuteAsync("GET", Key(key)));

    public async Task<T?> TakeAsync(string key)
    {
        var server = await guard.MasterAsync();
        var taken = Read((RedisValue)await server.ExecuteAsync("GETDEL", Key(key)));
        if (taken is not null)
        {
            await guard.ConfirmAsync(server, Store, "take");
        }

        return taken;
    }

    private string Store => "mitid-sim:" + kind;

    private static T? Read(RedisValue value) => value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>((byte[])value!);

    /// <summary>The key holds a hash of the token, so whoever can list Redis keys learns no live code or pending id.</summary>
    private RedisKey Key(string token) => Prefix + kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
