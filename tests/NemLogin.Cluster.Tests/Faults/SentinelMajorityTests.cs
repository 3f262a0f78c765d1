using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.ClusterTls;
using StackExchange.Redis;
using Xunit;

namespace NemLogin.Cluster.Tests.Faults;

/// <summary>
/// The rule every replicated Redis write of a silo or gateway follows (<see cref="RedisReplicationGuard"/>), with one
/// site away (fault class "a lost site"): a master with no replica may acknowledge alone only while most of the
/// configured Sentinels name it, even when one Sentinel does not answer at all (SIGSTOP) and after the client has
/// connected through Sentinel; a replica that does not answer fails the write rather than letting it count; with the
/// master's whole site stopped, writes resume on the promoted master and every one is acknowledged there; and a killed
/// master that returns believing itself master (while the client counts two masters) takes no acknowledged write.
/// </summary>
public sealed class SentinelMajorityTests : IAsyncLifetime
{
    private const int Writes = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("nemlogin-majority-").FullName;
    private RedisSentinelSet _redis = null!;
    private ClusterRedisConnection _connection = null!;

    public async ValueTask InitializeAsync()
    {
        Watchdog.TrackFolder(_folder);
        var pki = ClusterPki.Create(_folder);
        _redis = await RedisSentinelSet.StartAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), new StoreTls(pki.Issue("store", "stores"), pki.CaPath));
        _connection = new ClusterRedisConnection(ClusterRedis.Options(_redis.Configuration, pki.CaPath));
        // The client connected through Sentinel (what changed the configuration's endpoints), with the replica attached.
        await (await _connection.GetAsync()).GetDatabase().StringSetAsync("majority:probe", "1");
        await Eventually(async () => (await _redis.RoleAsync(_redis.ServerPorts[0])).Replicas == 1, "the replica attached");
    }

    [Fact]
    public async Task OneSentinelStopped_MasterStillNamedByTheMajority_ReplicaNot()
    {
        var master = new IPEndPoint(IPAddress.Loopback, _redis.ServerPorts[0]);
        var replica = new IPEndPoint(IPAddress.Loopback, _redis.ServerPorts[1]);
        _redis.Signal(_redis.SentinelPorts[1], Signals.Stop);
        try
        {
            Assert.True(await _connection.SentinelsNameMasterAsync(master), "two of three Sentinels name the master: a majority");
            Assert.False(await _connection.SentinelsNameMasterAsync(replica), "no Sentinel names the replica");
        }
        finally
        {
            _redis.Signal(_redis.SentinelPorts[1], Signals.Continue);
        }
    }

    [Fact]
    public async Task ReplicaStopped_WriteIsNotAcknowledged_ReplicaRunning_ItHoldsTheWrite()
    {
        var strict = new RedisReplicationGuard(_connection, new RedisReplicationOptions { Timeout = TimeSpan.FromSeconds(1) }, TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        _redis.Signal(_redis.ServerPorts[1], Signals.Stop);
        try
        {
            await Assert.ThrowsAsync<RedisException>(() => WriteAsync(strict, "majority:unconfirmed", 1));
        }
        finally
        {
            _redis.Signal(_redis.ServerPorts[1], Signals.Continue);
        }

        // Patient enough for a loaded machine: only the outcome matters here.
        var patient = new RedisReplicationGuard(_connection, new RedisReplicationOptions { Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        await WriteAsync(patient, "majority:confirmed", 2);
        await using var replica = await _redis.ConnectServerAsync(_redis.ServerPorts[1]);
        Assert.Equal("2", (string?)await replica.GetDatabase().StringGetAsync("majority:confirmed"));
    }

    // Rule (fault class "a partition between the sites"): the master's site stops answering (SIGSTOP of the master and
    // of that site's Sentinel: their sockets stay open, nothing is refused) and the other two Sentinels promote the
    // replica. The client still counts the stopped master a primary for a while, but replicated writes go to the server
    // most Sentinels name: once writes are acknowledged again every one must be, by the promoted master, which holds
    // them: none timing out on the stopped master, none refused as a stale master's, none flapping between the two.
    [Fact]
    public async Task MasterSiteStopped_OnceWritesResume_EveryOneIsAcknowledgedByThePromotedMaster()
    {
        var (master, replica) = (_redis.ServerPorts[0], _redis.ServerPorts[1]);
        var guard = new RedisReplicationGuard(_connection, new RedisReplicationOptions(), TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        await WriteAsync(guard, "majority:partition:before", 1);

        _redis.Signal(master, Signals.Stop);
        _redis.Signal(_redis.SentinelPorts[0], Signals.Stop);
        var failures = new List<string>();
        try
        {
            await Eventually(async () => await _redis.MasterNamedByAsync(_redis.SentinelPorts[1]) == replica
                && await _redis.MasterNamedByAsync(_redis.SentinelPorts[2]) == replica, "the other two Sentinels to promote the replica");

            // The first acknowledged write marks the switch (the client must first learn of the promoted master); from
            // then on every write must be acknowledged, whether or not the client has set the stopped master aside.
            await Eventually(async () => await TryWriteAsync(guard, "majority:partition:first", -1) is null,
                "a write acknowledged by the promoted master", TimeSpan.FromSeconds(60));
            for (var i = 0; i < Writes; i++)
            {
                if (await TryWriteAsync(guard, $"majority:partition:{i}", i) is { } failure)
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
            Assert.Equal(i, (int)await promoted.GetDatabase().StringGetAsync($"majority:partition:{i}"));
        }
    }

    // Rule (fault class "the Redis master dies", while it returns): the killed master, started again, believes itself
    // master with its old data until the Sentinels demote it and it discards what it took meanwhile. During that window
    // the client counts two masters and would spread commands over both; a write that landed on the returned server and
    // a WAIT answered by the other would count as acknowledged and be lost. Every write acknowledged in the window must be
    // on the promoted master, and still there once the returned server has become its replica.
    [Fact]
    public async Task KilledMasterReturns_WhileTheClientCountsTwoMasters_EveryAcknowledgedWriteIsOnThePromotedMaster()
    {
        var (master, replica) = (_redis.ServerPorts[0], _redis.ServerPorts[1]);
        var guard = new RedisReplicationGuard(_connection, new RedisReplicationOptions(), TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        await WriteAsync(guard, "returning:before", 0);

        await _redis.KillAsync(master);
        await Eventually(async () => await _redis.MasterNamedByAsync(_redis.SentinelPorts[1]) == replica
            && await _redis.MasterNamedByAsync(_redis.SentinelPorts[2]) == replica, "the Sentinels to promote the replica");
        await Eventually(async () => await TryWriteAsync(guard, "returning:promoted", 0) is null, "a write acknowledged by the promoted master alone",
            TimeSpan.FromSeconds(60));

        await _redis.StartServerAsync(master, replicaOf: null);
        var client = await _connection.GetAsync();
        await Eventually(() => Task.FromResult(CountedMaster(client, master) && CountedMaster(client, replica)),
            "the client to count the returned server a master beside the promoted one");

        var acknowledged = new List<string>();
        for (var i = 0; CountedMaster(client, master) && i < 400; i++)
        {
            var key = $"returning:{i}";
            if (await TryWriteAsync(guard, key, i) is null)
            {
                acknowledged.Add(key);
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.NotEmpty(acknowledged);
        await Eventually(async () => (await _redis.RoleAsync(master)).Role == "slave", "the Sentinels to make the returned server a replica");
        await using var promoted = await _redis.ConnectServerAsync(replica);
        var missing = new List<string>();
        foreach (var key in acknowledged)
        {
            if (!await promoted.GetDatabase().KeyExistsAsync(key))
            {
                missing.Add(key);
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} writes acknowledged in the window are not on the promoted master: {string.Join(", ", missing.Take(10))}");
    }

    // A replicated write as the stores make it: on the master the guard names, confirmed on that same server.
    private static async Task WriteAsync(RedisReplicationGuard guard, string key, int value)
    {
        var server = await guard.MasterAsync();
        await server.ExecuteAsync("SET", key, value);
        await guard.ConfirmAsync(server, "test", "write");
    }

    // Null when the write was made and confirmed; otherwise why not.
    private static async Task<string?> TryWriteAsync(RedisReplicationGuard guard, string key, int value)
    {
        try
        {
            await WriteAsync(guard, key, value);
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    // Whether the client counts the server on this port a connected master (a primary it would send commands to).
    private static bool CountedMaster(IConnectionMultiplexer client, int port) =>
        client.GetServers().Any(server => server.EndPoint is IPEndPoint { Port: var p } && p == port && server.IsConnected && !server.IsReplica);

    private static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Not within {(within ?? TimeSpan.FromSeconds(30)).TotalSeconds} s: {what}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
