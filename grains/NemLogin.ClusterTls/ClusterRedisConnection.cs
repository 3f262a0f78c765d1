using System.Net;
using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>
/// A process's one Redis connection: in a silo shared by the session and login-flow stores, their replication check and
/// readiness; in a gateway by the data-protection key ring, the MitID simulator's stores, their replication check and
/// readiness. Through Sentinel (<c>serviceName=</c> in the configuration) it follows a failover to the promoted replica
/// without a restart.
/// <para>
/// Replicated writes do not let the multiplexer choose a server: while a master killed earlier comes back (it believes
/// itself master until the Sentinels demote it and discard what it took meanwhile), the multiplexer counts two masters
/// and spreads commands over both, so a write and the <c>WAIT</c> meant to confirm it could reach different servers.
/// They go to <see cref="MasterAsync"/> instead, the server most Sentinels name, and the write and its confirmation
/// use that one server's connection.
/// </para>
/// </summary>
public sealed class ClusterRedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly int _sentinelCount;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly Lazy<Task<IConnectionMultiplexer>> _sentinels;
    private readonly Lock _gate = new();
    private (EndPoint? Master, long ReadAt) _named;

    /// <summary>How long the majority's answer is reused: a failover within it makes writes fail (never acknowledged).</summary>
    public static TimeSpan MasterAge { get; } = TimeSpan.FromSeconds(1);

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
    /// The server a replicated write goes to now: the master most of the configured Sentinels name (their answer reused for
    /// <see cref="MasterAge"/>; <see cref="ForgetMaster"/> after a failed command asks again), or without Sentinel the one
    /// connected server that is not a replica. Throws <see cref="RedisException"/> when there is none yet, so the
    /// write fails instead of going to a server that may lose it.
    /// </summary>
    public async Task<IServer> MasterAsync()
    {
        var multiplexer = await GetAsync();
        if (string.IsNullOrEmpty(_configuration.ServiceName))
        {
            return multiplexer.GetServers().FirstOrDefault(server => server.IsConnected && !server.IsReplica)
                ?? throw new RedisException("No Redis master is connected.");
        }

        EndPoint? master;
        lock (_gate)
        {
            master = Environment.TickCount64 - _named.ReadAt < (long)MasterAge.TotalMilliseconds ? _named.Master : null;
        }

        if (master is null)
        {
            master = await MajorityMasterAsync()
                ?? throw new RedisException("Most Sentinels name no Redis master now.");
            lock (_gate)
            {
                _named = (master, Environment.TickCount64);
            }
        }

        return multiplexer.GetServers().FirstOrDefault(server => server.IsConnected && SameEndpoint(server.EndPoint, master))
            ?? throw new RedisException(
                $"The Redis master most Sentinels name ({master}) is not connected to this process yet.");
    }

    /// <summary>Drops the remembered master: the next <see cref="MasterAsync"/> asks the Sentinels again.</summary>
    public void ForgetMaster()
    {
        lock (_gate)
        {
            _named = (null, 0);
        }
    }

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
