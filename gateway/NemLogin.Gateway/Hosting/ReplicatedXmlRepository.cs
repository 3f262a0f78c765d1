using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using NemLogin.ClusterTls;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// The shared data-protection key ring in Redis, a new key counting as stored only once a replica holds it
/// (<see cref="RedisReplicationGuard"/>: <c>WAIT</c> on the gateway's one Redis connection, which the inner repository
/// writes through). Without it a key made just before the master died could be gone after the failover while cookies
/// and forms protected with it are still in browsers: every gateway would refuse them and make yet another key. A key
/// that no replica confirms fails its creation (the data-protection system tries again on a later request); the master
/// may still hold it, which is harmless (an extra key). Keys are made rarely (every 90 days, or when none is usable), so
/// the synchronous wait of this interface costs nothing on the request path.
/// </summary>
internal sealed class ReplicatedXmlRepository(IXmlRepository inner, RedisReplicationGuard guard) : IXmlRepository
{
    public const string Store = "data-protection-keys";

    public IReadOnlyCollection<XElement> GetAllElements() => inner.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        inner.StoreElement(element, friendlyName);
        guard.ConfirmAsync(Store, "key-ring write").GetAwaiter().GetResult();
    }
}
