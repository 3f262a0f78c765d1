using NemLogin.ClusterTls;
using Orleans.Storage;
using StackExchange.Redis;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// The Redis grain store of sessions and login flows. Each state is a hash (<c>etag</c>, <c>data</c>) under
/// <c>{serviceId}/state/{grainId}/{stateName}</c>, written and deleted by a script that first compares the ETag, so a
/// stale activation cannot overwrite a newer state. Every read, write and delete goes to one server, the master most
/// Sentinels name (<see cref="ClusterRedisConnection.MasterAsync"/>), and a write or delete counts only once
/// <see cref="RedisReplicationGuard"/> has confirmed it on that same server's connection (<c>WAIT</c>): the grain call fails
/// when too few replicas hold it, so nothing is acknowledged that a failover could lose. A delete (a logout, a finished
/// flow) waits too: a lost one would bring an ended session back. Keys expire <paramref name="expiry"/> after the last
/// write, a margin beyond the grain's own lifetime, so the grain (not Redis) decides when a session ends.
/// </summary>
internal sealed class ReplicatedRedisGrainStorage(
    string name,
    string serviceId,
    TimeSpan expiry,
    ClusterRedisConnection redis,
    RedisReplicationGuard guard,
    IGrainStorageSerializer serializer) : IGrainStorage
{
    // ARGV: the ETag the grain read ('' for none), the new ETag, the serialized state, the expiry in milliseconds.
    private const string WriteScript = """
        local stored = redis.call('HGET', KEYS[1], 'etag')
        if (stored or '') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    // ARGV: the ETag the grain read.
    private const string DeleteScript = """
        local stored = redis.call('HGET', KEYS[1], 'etag')
        if (stored or '') ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        return 1
        """;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var fields = (RedisResult[])(await OnMasterAsync(server => server.ExecuteAsync("HGETALL", Key(stateName, grainId))))!;
        string? eTag = null;
        byte[]? data = null;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            switch ((string?)fields[i])
            {
                case "etag":
                    eTag = (string?)fields[i + 1];
                    break;
                case "data":
                    data = (byte[]?)fields[i + 1];
                    break;
            }
        }

        if (string.IsNullOrEmpty(eTag) || data is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(data));
        grainState.ETag = eTag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var eTag = Guid.NewGuid().ToString("N");
        var payload = serializer.Serialize(grainState.State).ToMemory();
        await ChangeAsync("write", stateName, grainId, grainState.ETag, WriteScript,
            [grainState.ETag ?? "", eTag, payload, (long)expiry.TotalMilliseconds]);
        grainState.ETag = eTag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await ChangeAsync("clear", stateName, grainId, grainState.ETag, DeleteScript, [grainState.ETag ?? ""]);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <summary>Runs <paramref name="script"/> on the master and confirms it there; a changed ETag is a conflict.</summary>
    private async Task ChangeAsync(string operation, string stateName, GrainId grainId, string? expected, string script, RedisValue[] arguments)
    {
        var applied = await OnMasterAsync(async server =>
        {
            var result = await server.ExecuteAsync("EVAL", [script, 1, Key(stateName, grainId), .. arguments.Cast<object>()]);
            if ((long)result == 1)
            {
                await guard.ConfirmAsync(server, name, operation);
            }

            return result;
        });
        if ((long)applied != 1)
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} in store '{name}' changed since it was read (ETag {expected ?? "none"}).");
        }
    }

    /// <summary>A command on the master; after a Redis failure the next command asks the Sentinels for the master again.</summary>
    private async Task<RedisResult> OnMasterAsync(Func<IServer, Task<RedisResult>> command)
    {
        try
        {
            return await command(await redis.MasterAsync());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            redis.ForgetMaster();
            throw;
        }
    }

    private RedisKey Key(string stateName, GrainId grainId) => $"{serviceId}/state/{grainId}/{stateName}";
}
