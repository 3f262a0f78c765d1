using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using NemLogin.ClusterTls;
using StackExchange.Redis;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// The shared data-protection key ring in Redis: one list under <paramref name="key"/>, each entry a key element as XML
/// (encrypted to the key-ring certificate by the data-protection system before it reaches here). Reads and writes go to
/// the master most Sentinels name, and a new key counts as stored only once a replica holds it, confirmed on that same
/// server (<see cref="RedisReplicationGuard"/>). Without it a key made just before the master died could be gone after
/// the failover while cookies and forms protected with it are still in browsers: every gateway would refuse them and
/// make yet another key. A key that no replica confirms fails its creation (the data-protection system tries again on a
/// later request); the master may still hold it, which is harmless (an extra key). Keys are made rarely (every 90 days,
/// or when none is usable), so the synchronous calls of this interface cost nothing on the request path.
/// </summary>
internal sealed class ReplicatedXmlRepository(RedisKey key, RedisReplicationGuard guard) : IXmlRepository
{
    public const string Store = "data-protection-keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var server = guard.MasterAsync().GetAwaiter().GetResult();
        var entries = (RedisResult[])server.Execute("LRANGE", key, 0, -1)!;
        return entries.Select(entry => XElement.Parse((string)entry!)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var server = guard.MasterAsync().GetAwaiter().GetResult();
        server.Execute("RPUSH", key, element.ToString(SaveOptions.DisableFormatting));
        guard.ConfirmAsync(server, Store, "key-ring write").GetAwaiter().GetResult();
    }
}
