using NemLogin.ClusterTls;
using NemLogin.Grains;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.LoginFlows;
using GrainSessionOptions = NemLogin.Grains.Sessions.SessionOptions;
using Orleans.Configuration;
using Orleans.Persistence;
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
        silo.AddRedisStore(StorageNames.Sessions, ClusterRedis.Options(stores.Redis!, storeCaPath), sessions.AbsoluteLifetime + ExpiryMargin);
        silo.AddRedisStore(StorageNames.LoginFlows, ClusterRedis.Options(stores.Redis!, storeCaPath), flows.Lifetime + ExpiryMargin);
        foreach (var name in StoreDurability.Durable.Concat([StorageNames.Sessions, StorageNames.LoginFlows]))
        {
            silo.Services.WithPortableErrors(name);
        }

        return silo;
    }

    /// <summary>Replaces the store registered as <paramref name="name"/> by <see cref="PortableErrorGrainStorage"/> around it.</summary>
    private static void WithPortableErrors(this IServiceCollection services, string name)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        var factory = registered.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"Grain store '{name}' is not registered through a factory; it cannot be wrapped.");
        var innerKey = "portable-errors:" + name;
        services.Remove(registered);
        // The provider's factory reads its options by the key it is given: give it the store's own name.
        services.Add(new ServiceDescriptor(typeof(IGrainStorage), innerKey, (provider, _) => factory(provider, name), registered.Lifetime));
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) =>
            new PortableErrorGrainStorage(name, provider.GetRequiredKeyedService<IGrainStorage>(innerKey),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<PortableErrorGrainStorage>()));
    }

    private static void AddRedisStore(this ISiloBuilder silo, string name, ConfigurationOptions configuration, TimeSpan expiry) =>
        silo.AddRedisGrainStorage(name, (RedisStorageOptions options) =>
        {
            options.ConfigurationOptions = configuration;
            // An ended session or completed flow is removed (with its ETag checked), not kept as a tombstone: Redis is
            // memory, and the grain's own expiry makes a resurrected entry harmless anyway.
            options.DeleteStateOnClear = true;
            options.EntryExpiry = expiry;
        });
}
