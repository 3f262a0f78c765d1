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
/// connected through Sentinel; a replica that does not answer fails the write rather than letting it count; and with
/// the master's whole site stopped, writes resume on the promoted master and every one is acknowledged there.
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
        var database = (await _connection.GetAsync()).GetDatabase();
        var strict = new RedisReplicationGuard(_connection, new RedisReplicationOptions { Timeout = TimeSpan.FromSeconds(1) }, TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        _redis.Signal(_redis.ServerPorts[1], Signals.Stop);
        try
        {
            await database.StringSetAsync("majority:unconfirmed", "1");
            await Assert.ThrowsAsync<RedisException>(() => strict.ConfirmAsync("test", "write"));
        }
        finally
        {
            _redis.Signal(_redis.ServerPorts[1], Signals.Continue);
        }

        // Patient enough for a loaded machine: only the outcome matters here.
        var patient = new RedisReplicationGuard(_connection, new RedisReplicationOptions { Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        await database.StringSetAsync("majority:confirmed", "2");
        await patient.ConfirmAsync("test", "write");
        await using var replica = await _redis.ConnectServerAsync(_redis.ServerPorts[1]);
        Assert.Equal("2", (string?)await replica.GetDatabase().StringGetAsync("majority:confirmed"));
    }

    // Rule (fault class "a partition between the sites"): the master's site stops answering (SIGSTOP of the master and
    // of that site's Sentinel: their sockets stay open, nothing is refused) and the other two Sentinels promote the
    // replica. For a while the client still counts the stopped master a primary and commands sent to it time out; once
    // writes are acknowledged again every one must be, by the promoted master, which holds them: none refused as a
    // stale master's, none flapping between the two servers.
    [Fact]
    public async Task MasterSiteStopped_OnceWritesResume_EveryOneIsAcknowledgedByThePromotedMaster()
    {
        var (master, replica) = (_redis.ServerPorts[0], _redis.ServerPorts[1]);
        var database = (await _connection.GetAsync()).GetDatabase();
        var guard = new RedisReplicationGuard(_connection, new RedisReplicationOptions(), TimeProvider.System, NullLogger<RedisReplicationGuard>.Instance);
        await database.StringSetAsync("majority:partition:before", "1");
        await guard.ConfirmAsync("test", "write");

        _redis.Signal(master, Signals.Stop);
        _redis.Signal(_redis.SentinelPorts[0], Signals.Stop);
        var failures = new List<string>();
        try
        {
            await Eventually(async () => await _redis.MasterNamedByAsync(_redis.SentinelPorts[1]) == replica
                && await _redis.MasterNamedByAsync(_redis.SentinelPorts[2]) == replica, "the other two Sentinels to promote the replica");

            // Until the client sets the stopped master aside it still counts it a primary and spreads commands over both
            // servers it believes primary, so some time out (StackExchange.Redis declares a connection dead after four
            // command timeouts without a read: docs/reliability.md, "The client and a silent old master"). From then on
            // every write must be acknowledged.
            var client = await _connection.GetAsync();
            await Eventually(async () => StaleMasterSetAside(client, master)
                && await TryWriteAsync(database, guard, "majority:partition:first") is null, "the stopped master set aside and a write acknowledged", TimeSpan.FromSeconds(60));
            for (var i = 0; i < Writes; i++)
            {
                if (await TryWriteAsync(database, guard, $"majority:partition:{i}") is { } failure)
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

    // Null when the write was made and confirmed; otherwise why not.
    private static async Task<string?> TryWriteAsync(IDatabase database, RedisReplicationGuard guard, string key)
    {
        try
        {
            await database.StringSetAsync(key, key.EndsWith("first", StringComparison.Ordinal) ? -1 : int.Parse(key.Split(':')[2]));
            await guard.ConfirmAsync("test", "write");
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    // Whether the client no longer counts the stopped server a connected primary.
    private static bool StaleMasterSetAside(IConnectionMultiplexer client, int port) =>
        client.GetServers().Where(server => server.EndPoint is IPEndPoint { Port: var p } && p == port)
            .All(server => !server.IsConnected || server.IsReplica);

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
