using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.ClusterTls;
using StackExchange.Redis;
using Xunit;

namespace NemLogin.Cluster.Tests.Faults;

/// <summary>
/// Fault class "a partition between the sites" for Redis (docs/reliability.md, "partition"): the master's site stops
/// answering (SIGSTOP of the master and of that site's Sentinel: the processes keep their sockets open, nothing is
/// refused) and the other two Sentinels promote the replica. The client's connection to the stopped master stays open,
/// so for a while the client still counts it a primary and commands sent to it time out; once writes are acknowledged
/// again they must all be, by the promoted master (the one most Sentinels name), which holds them: no write refused
/// as a stale master's, none flapping between the two servers.
/// </summary>
public sealed class RedisPartitionTests : IAsyncLifetime
{
    private const int Writes = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("nemlogin-partition-").FullName;
    private RedisSentinelSet _redis = null!;
    private ClusterRedisConnection _connection = null!;

    public async ValueTask InitializeAsync()
    {
        Watchdog.TrackFolder(_folder);
        var pki = ClusterPki.Create(_folder);
        _redis = await RedisSentinelSet.StartAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), new StoreTls(pki.Issue("store", "stores"), pki.CaPath));
        _connection = new ClusterRedisConnection(ClusterRedis.Options(_redis.Configuration, pki.CaPath));
        await (await _connection.GetAsync()).GetDatabase().StringSetAsync("partition:probe", "1");
        await Eventually(async () => (await _redis.RoleAsync(_redis.ServerPorts[0])).Replicas == 1, "the replica attached");
    }

    [Fact]
    public async Task MasterSiteStopped_OnceWritesResume_EveryOneIsAcknowledgedByThePromotedMaster()
    {
        var (master, replica) = (_redis.ServerPorts[0], _redis.ServerPorts[1]);
        var database = (await _connection.GetAsync()).GetDatabase();
        var guard = new RedisReplicationGuard(_connection, new RedisReplicationOptions(), TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        await database.StringSetAsync("partition:before", "1");
        await guard.ConfirmAsync("test", "write");

        _redis.Signal(master, Signals.Stop);
        _redis.Signal(_redis.SentinelPorts[0], Signals.Stop);
        var failures = new List<string>();
        try
        {
            await Eventually(async () => await _redis.MasterNamedByAsync(_redis.SentinelPorts[1]) == replica
                && await _redis.MasterNamedByAsync(_redis.SentinelPorts[2]) == replica, "the other two Sentinels to promote the replica");

            // Each attempt ends within the client's timeouts; the stopped master is set aside after a few of them.
            await Eventually(async () => await TryWriteAsync(database, guard, "partition:first") is null, "a write acknowledged after the promotion");
            for (var i = 0; i < Writes; i++)
            {
                if (await TryWriteAsync(database, guard, $"partition:{i}") is { } failure)
                {
                    failures.Add($"write {i}: {failure}");
                }
            }
        }
        finally
        {
            _redis.Signal(master, Signals.Continue);
            _redis.Signal(_redis.SentinelPorts[0], Signals.Continue);
        }

        Assert.Empty(failures);
        await using var promoted = await _redis.ConnectServerAsync(replica);
        for (var i = 0; i < Writes; i++)
        {
            Assert.Equal(i, (int)await promoted.GetDatabase().StringGetAsync($"partition:{i}"));
        }
    }

    // Null when the write was made and confirmed; otherwise why not.
    private static async Task<string?> TryWriteAsync(IDatabase database, RedisReplicationGuard guard, string key)
    {
        try
        {
            await database.StringSetAsync(key, key.EndsWith("first", StringComparison.Ordinal) ? -1 : int.Parse(key.Split(':')[1]));
            await guard.ConfirmAsync("test", "write");
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

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

        throw new TimeoutException($"Not within 240 attempts: {what}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
