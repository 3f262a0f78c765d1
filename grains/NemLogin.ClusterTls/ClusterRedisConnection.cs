using System.Net;
using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>
/// A process's one Redis connection: in a silo shared by the session and login-flow stores, their replication check and
/// readiness; in a gateway by the data-protection key ring, the MitID simulator's stores, their replication check and
/// readiness.
/// One multiplexer means one connection to the master, so the <c>WAIT</c> after a write covers that write; through
/// Sentinel (<c>serviceName=</c> in the configuration) it follows a failover to the promoted replica without a restart.
/// </summary>
public sealed class ClusterRedisConnection(ConfigurationOptions configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection =
        new(async () => await ConnectionMultiplexer.ConnectAsync(configuration));

    private readonly Lazy<Task<IConnectionMultiplexer>> _sentinels =
        new(async () => await ConnectionMultiplexer.SentinelConnectAsync(configuration.Clone()));

    public ConfigurationOptions Configuration => configuration;

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>
    /// Whether most of the configured Sentinels name <paramref name="server"/> the master of the service now; true
    /// without Sentinel (one server, no failover that could discard its writes). A master that returns after a failover
    /// believes itself master until the Sentinels turn it into a replica (and drop what it took meanwhile); on the
    /// minority side of a partition it may never learn. Neither has the majority's word.
    /// </summary>
    public async Task<bool> SentinelsNameMasterAsync(EndPoint? server)
    {
        if (string.IsNullOrEmpty(configuration.ServiceName))
        {
            return true;
        }

        if (server is null)
        {
            return false;
        }

        var sentinels = await _sentinels.Value;
        var answers = await Task.WhenAll(sentinels.GetServers().Select(async sentinel =>
        {
            try
            {
                return await sentinel.SentinelGetMasterAddressByNameAsync(configuration.ServiceName);
            }
            catch (RedisException)
            {
                return null;
            }
        }));
        var named = answers.Count(answer => answer is not null && SameEndpoint(answer, server));
        return named > configuration.EndPoints.Count / 2;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in new[] { _connection, _sentinels })
        {
            if (connection.IsValueCreated)
            {
                await (await connection.Value).DisposeAsync();
            }
        }
    }

    private static bool SameEndpoint(EndPoint a, EndPoint b) => (a, b) switch
    {
        (IPEndPoint x, IPEndPoint y) => x.Port == y.Port && x.Address.MapToIPv6().Equals(y.Address.MapToIPv6()),
        (DnsEndPoint x, DnsEndPoint y) => x.Port == y.Port && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(a.ToString(), b.ToString(), StringComparison.OrdinalIgnoreCase),
    };
}
