using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>
/// A process's one Redis connection: in a silo shared by the session and login-flow stores, their replication check and
/// readiness; in a gateway by the data-protection key ring, the MitID simulator's stores, their replication check and
/// readiness. One multiplexer means one connection to the master, so the <c>WAIT</c> after a write covers that write;
/// through Sentinel (<c>serviceName=</c> in the configuration) it follows a failover to the promoted replica without a
/// restart.
/// </summary>
/// <remarks>
/// Against a server that is not a Redis cluster, StackExchange.Redis sends a command to any server it believes is a
/// primary. After a failover it re-reads the servers' roles, but a master that stopped answering without closing its
/// connection (its site cut off or its machine hung: a partition) never answers that, and stays a "primary" in the
/// client's view: writes, <c>ROLE</c> and <c>WAIT</c> alike would go to it in turn with the real master and hang
/// there until they time out; and the client may not even hear of the failover, when the Sentinel it listens to is the
/// stopped one. So while connected through Sentinel the connection compares, every second, its view with the master
/// most Sentinels name; when they differ it reconfigures the client, which re-reads every server's role and sets aside
/// the servers that do not answer in time (docs/reliability.md, "partition").
/// </remarks>
public sealed partial class ClusterRedisConnection : IAsyncDisposable
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReconfigureInterval = TimeSpan.FromSeconds(5);
    private readonly ConfigurationOptions _configuration;
    private readonly int _sentinelCount;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly Lazy<Task<IConnectionMultiplexer>> _sentinels;
    private readonly CancellationTokenSource _stop = new();
    private Task _watch = Task.CompletedTask;

    public ClusterRedisConnection(ConfigurationOptions configuration)
        : this(configuration, watchSentinels: true)
    {
    }

    /// <param name="configuration">The client's configuration.</param>
    /// <param name="watchSentinels">False: the client alone, without the comparison with the Sentinels (the tests' baseline).</param>
    internal ClusterRedisConnection(ConfigurationOptions configuration, bool watchSentinels)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        // The Sentinels as configured, taken before the first connection: the majority is of these, whatever the
        // multiplexer later learns about the servers behind them.
        _sentinelCount = configuration.EndPoints.Count;
        var sentinels = configuration.Clone();
        _connection = new(async () =>
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
            if (watchSentinels && !string.IsNullOrEmpty(configuration.ServiceName))
            {
                _watch = Task.Run(() => WatchAsync(multiplexer, _stop.Token));
            }

            return multiplexer;
        });
        _sentinels = new(async () => await ConnectionMultiplexer.SentinelConnectAsync(sentinels));
    }

    public ConfigurationOptions Configuration => _configuration;

    /// <summary>Where the connection logs a disagreement with the Sentinels; set by the host once its logging is up.</summary>
    public ILogger? Logger { get; set; }

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
        await _stop.CancelAsync();
        await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var connection in new[] { _connection, _sentinels })
        {
            if (connection.IsValueCreated)
            {
                await (await connection.Value).DisposeAsync();
            }
        }

        _stop.Dispose();
    }

    // Every second: does the client see the majority's master, and only it, as a primary? If not, reconfigure (at most
    // every few seconds: a server that does not answer holds each reconfiguration for the connect timeout).
    private async Task WatchAsync(IConnectionMultiplexer multiplexer, CancellationToken stop)
    {
        var reconfigured = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(WatchInterval, stop);
                if (await MajorityMasterAsync() is not { } master || DateTimeOffset.UtcNow - reconfigured < ReconfigureInterval)
                {
                    continue;
                }

                var servers = multiplexer.GetServers().Where(s => s.ServerType is ServerType.Standalone).ToList();
                var primaries = servers.Where(s => s.IsConnected && !s.IsReplica).Select(s => s.EndPoint).ToList();
                if (primaries.Count == 1 && SameEndpoint(primaries[0], master))
                {
                    continue;
                }

                reconfigured = DateTimeOffset.UtcNow;
                if (Logger is { } logger)
                {
                    ViewDisagrees(logger, Format(master), string.Join(", ", primaries.Select(Format)));
                }

                await multiplexer.ConfigureAsync();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                // The Sentinels or servers unreachable this round: the next round looks again.
            }
        }
    }

    private static string Format(EndPoint endpoint) => endpoint switch
    {
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "",
    };

    private static bool SameEndpoint(EndPoint a, EndPoint b) => (a, b) switch
    {
        (IPEndPoint x, IPEndPoint y) => x.Port == y.Port && x.Address.MapToIPv6().Equals(y.Address.MapToIPv6()),
        (DnsEndPoint x, DnsEndPoint y) => x.Port == y.Port && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(a.ToString(), b.ToString(), StringComparison.OrdinalIgnoreCase),
    };

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning,
        Message = "Redis: most Sentinels name {Master} the master, the client sees as primaries [{Primaries}]; reconfiguring the client (a stale master is set aside once it fails to answer)")]
    private static partial void ViewDisagrees(ILogger logger, string master, string primaries);
}
