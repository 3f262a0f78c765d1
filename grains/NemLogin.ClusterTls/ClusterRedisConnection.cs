using System.Net;
using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>
/// A process's one Redis connection: in a silo shared by the session and login-flow stores, their replication check and
/// readiness; in a gateway by the data-protection key ring, the MitID simulator's stores, their replication check and
/// readiness. One multiplexer means one connection to the master, so the <c>WAIT</c> after a write covers that write;
/// through Sentinel (<c>serviceName=</c> in the configuration) it follows a failover to the promoted replica without a
/// restart.
/// </summary>
public sealed class ClusterRedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly int _sentinelCount;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly Lazy<Task<IConnectionMultiplexer>> _sentinels;

    public ClusterRedisConnection(ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        // The Sentinels as configured, taken before the first connection: the majority is of these, whatever the
        // multiplexer later learns about the servers behind them.
        _sentinelCount = configuration.EndPoints.Count;
        var sentinels = configuration.Clone();
        _connection = new(async () => await ConnectionMultiplexer.ConnectAsync(configuration));
        _sentinels = new(async () => await ConnectionMultiplexer.SentinelConnectAsync(sentinels));
    }

    public ConfigurationOptions Configuration => _configuration;

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>
    /// Whether most of the configured Sentinels name <paramref name="server"/> the master of the service now; true
    /// without Sentinel (one server, no failover that could discard its writes). A master that returns after a failover
    /// believes itself master until the Sentinels turn it into a replica (and drop what it took meanwhile); on the
    /// minority side of a partition it may never learn. Neither has the majority's word. Answers as soon as a majority
    /// has named it: a Sentinel that does not answer (a stopped site) is not waited for.
    /// </summary>
    public async Task<bool> SentinelsNameMasterAsync(EndPoint? server)
    {
        if (string.IsNullOrEmpty(_configuration.ServiceName))
        {
            return true;
        }

        return server is not null && await MajorityMasterAsync() is { } master && SameEndpoint(master, server);
    }

    /// <summary>
    /// The master most of the configured Sentinels name now, or null when no server has a majority (yet). Answers as
    /// soon as a majority agrees; a Sentinel that does not answer counts as no answer.
    /// </summary>
    public async Task<EndPoint?> MajorityMasterAsync()
    {
        var sentinels = await _sentinels.Value;
        var pending = sentinels.GetServers().Select(async sentinel =>
        {
            try
            {
                return await sentinel.SentinelGetMasterAddressByNameAsync(_configuration.ServiceName!);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return null;
            }
        }).ToList();
        var named = new List<EndPoint>();
        while (pending.Count > 0)
        {
            var answered = await Task.WhenAny(pending);
            pending.Remove(answered);
            if (await answered is { } answer)
            {
                named.Add(answer);
                if (named.Count(n => SameEndpoint(n, answer)) > _sentinelCount / 2)
                {
                    return answer;
                }
            }
        }

        return null;
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
