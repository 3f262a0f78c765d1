using NemLogin.ClusterTls;
using NemLogin.Grains;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.LoginFlows;
using GrainSessionOptions = NemLogin.Grains.Sessions.SessionOptions;
using Orleans.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using StackExchange.Redis;

namespace NemLogin.Silo.Hosting;

/// <summary>Maps every grain store to PostgreSQL or Redis, as <see cref="StoreDurability"/> says.</summary>
internal static class ClusterStorageExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    // Redis keys outlive the grain's own expiry a little, so the grain (not Redis) decides when a session ends.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    /// <param name="storeCaPath">The CA of Redis' TLS certificate (<see cref="ClusterTlsOptions.StoreCaPath"/>), if any.</param>
    public static ISiloBuilder AddNemLoginClusterStorage(this ISiloBuilder silo, ClusterStoreOptions stores, string? storeCaPath)
    {
        if (StoreDurability.Unclassified() is { Count: > 0 } unclassified)
        {
            throw new InvalidOperationException(
                $"Grain stores {string.Join(", ", unclassified)} have no durability in StoreDurability; say whether they belong in PostgreSQL or Redis.");
        }

        foreach (var name in StoreDurability.Durable)
        {
            silo.AddAdoNetGrainStorage(name, options =>
            {
                options.Invariant = PostgresInvariant;
                options.ConnectionString = stores.Orleans;
                // A cleared state keeps its row and version (a tombstone): a stale activation cannot write it back.
                options.DeleteStateOnClear = false;
            });
        }

        var sessions = silo.Configuration.GetSection(GrainSessionOptions.SectionName).Get<GrainSessionOptions>() ?? new();
        var flows = silo.Configuration.GetSection(LoginFlowOptions.SectionName).Get<LoginFlowOptions>() ?? new();
        // One connection for both Redis stores, their replication check and readiness (see ClusterRedisConnection).
        var redis = new ClusterRedisConnection(ClusterRedis.Options(stores.Redis!, storeCaPath));
        silo.Services.AddSingleton(_ => redis);
        silo.Services.AddSingleton<IConnectionMultiplexer>(_ => redis.GetAsync().GetAwaiter().GetResult());
        var replication = silo.Configuration.GetSection(RedisReplicationOptions.SectionName).Get<RedisReplicationOptions>() ?? new();
        silo.Services.AddSingleton(provider => new RedisReplicationGuard(redis, replication, TimeProvider.System,
            provider.GetRequiredService<ILogger<RedisReplicationGuard>>()));
        silo.AddRedisStore(StorageNames.Sessions, redis, sessions.AbsoluteLifetime + ExpiryMargin);
        silo.AddRedisStore(StorageNames.LoginFlows, redis, flows.Lifetime + ExpiryMargin);

        foreach (var name in StoreDurability.Durable.Concat([StorageNames.Sessions, StorageNames.LoginFlows]))
        {
            silo.Services.Wrap(name, "portable-errors", (provider, inner) => new PortableErrorGrainStorage(name, inner,
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<PortableErrorGrainStorage>()));
        }

        return silo;
    }

    /// <summary>Replaces the store registered as <paramref name="name"/> by <paramref name="decorate"/> around it.</summary>
    private static void Wrap(this IServiceCollection services, string name, string layer, Func<IServiceProvider, IGrainStorage, IGrainStorage> decorate)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        var factory = registered.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"Grain store '{name}' is not registered through a factory; it cannot be wrapped.");
        var innerKey = layer + ":" + name;
        services.Remove(registered);
        // The provider's factory reads its options by the key it is given: give it the store's own name.
        services.Add(new ServiceDescriptor(typeof(IGrainStorage), innerKey, (provider, _) => factory(provider, name), registered.Lifetime));
        services.AddKeyedSingleton(name, (provider, _) => decorate(provider, provider.GetRequiredKeyedService<IGrainStorage>(innerKey)));
    }

    private static void AddRedisStore(this ISiloBuilder silo, string name, ClusterRedisConnection redis, TimeSpan expiry) =>
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new ReplicatedRedisGrainStorage(name,
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, expiry, redis,
            provider.GetRequiredService<RedisReplicationGuard>(), provider.GetRequiredService<IGrainStorageSerializer>()));
}
