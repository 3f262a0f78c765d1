using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.ClusterTls;
using StackExchange.Redis;
using Xunit;

namespace NemLogin.Cluster.Tests.Faults;

/// <summary>
/// Fault class "a partition between the sites" for Redis (docs/reliability.md, "partition"): the master's site stops
/// answering (SIGSTOP of the master and that site's Sentinel: the processes keep their sockets open, nothing is
/// refused), the other two Sentinels promote the replica. The client's connection to the stopped master stays open,
/// so the client may go on believing it is a primary; the guarded writes must nevertheless reach the master the
/// Sentinels' majority names and be acknowledged there, not hang on the stopped one or be refused.
/// </summary>
public sealed class RedisPartitionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nemlogin-partition-").FullName;
    private RedisSentinelSet _redis = null!;
    private ClusterRedisConnection _connection = null!;
    private string _caPath = null!;

    public async ValueTask InitializeAsync()
    {
        Watchdog.TrackFolder(_folder);
        var pki = ClusterPki.Create(_folder);
        _caPath = pki.CaPath;
        _redis = await RedisSentinelSet.StartAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), new StoreTls(pki.Issue("store", "stores"), pki.CaPath));
        _connection = new ClusterRedisConnection(ClusterRedis.Options(_redis.Configuration, pki.CaPath));
        await (await _connection.GetAsync()).GetDatabase().StringSetAsync("partition:probe", "1");
        await Eventually(async () => (await _redis.RoleAsync(_redis.ServerPorts[0])).Replicas == 1, "the replica attached");
    }

    [Fact]
    public Task MasterSiteStopped_ClusterConnection() => RunAsync(_connection, "/tmp/part/redis-partition-fixed.log");

    [Fact]
    public async Task MasterSiteStopped_PlainMultiplexer()
    {
        await using var plain = new ClusterRedisConnection(ClusterRedis.Options(_redis.Configuration, _caPath), watchSentinels: false);
        await RunAsync(plain, "/tmp/part/redis-partition-plain.log");
    }

    private async Task RunAsync(ClusterRedisConnection connection, string file)
    {
        var (master, replica) = (_redis.ServerPorts[0], _redis.ServerPorts[1]);
        var multiplexer = await connection.GetAsync();
        var database = multiplexer.GetDatabase();
        var guard = new RedisReplicationGuard(connection, new RedisReplicationOptions(), TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        await database.StringSetAsync("partition:before", "1");
        await guard.ConfirmAsync("test", "write");

        var log = new List<string>();
        var clock = Stopwatch.StartNew();
        _redis.Signal(master, Signals.Stop);
        _redis.Signal(_redis.SentinelPorts[0], Signals.Stop);
        try
        {
            await Eventually(async () => await _redis.MasterNamedByAsync(_redis.SentinelPorts[1]) == replica
                && await _redis.MasterNamedByAsync(_redis.SentinelPorts[2]) == replica, "the other two Sentinels to promote the replica");
            log.Add($"{clock.Elapsed.TotalSeconds:F1} s promoted; client sees {Servers(multiplexer)}");

            for (var i = 0; i < 40; i++)
            {
                var started = clock.Elapsed;
                string outcome;
                try
                {
                    await database.StringSetAsync($"partition:{i}", i);
                    await guard.ConfirmAsync("test", "write");
                    outcome = "acknowledged";
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    outcome = $"{ex.GetType().Name}: {ex.Message[..Math.Min(ex.Message.Length, 120)]}";
                }

                log.Add($"{started.TotalSeconds:F1}-{clock.Elapsed.TotalSeconds:F1} s write {i}: {outcome}; client sees {Servers(multiplexer)}");
            }
        }
        finally
        {
            _redis.Signal(master, Signals.Continue);
            _redis.Signal(_redis.SentinelPorts[0], Signals.Continue);
            await File.WriteAllLinesAsync(file, log, TestContext.Current.CancellationToken);
        }
    }

    private static string Servers(IConnectionMultiplexer multiplexer) => string.Join(", ", multiplexer.GetServers()
        .Where(s => s.ServerType != ServerType.Sentinel)
        .Select(s => $"{((IPEndPoint)s.EndPoint).Port}:{(s.IsConnected ? "up" : "down")}/{(s.IsReplica ? "replica" : "primary")}"));

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 240; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Not within 60 s: {what}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
