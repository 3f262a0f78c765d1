using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Signing;
using Orleans.Configuration;
using Orleans.Storage;

namespace NemLogin.Grains.Hosting;

public static class NemLoginGrainsSiloBuilderExtensions
{
    /// <summary>
    /// The broker's grains and what they need: options bound from configuration (validated at start-up), the clock
    /// and the signing key store. Storage is separate (<see cref="AddNemLoginInMemoryStorage"/> or the cluster's).
    /// </summary>
    public static ISiloBuilder AddNemLoginGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddNemLoginStateSerialization().AddNemLoginSessions().AddNemLoginLoginFlows().AddNemLoginSigning();
        return silo;
    }

    /// <summary>
    /// Maps every <see cref="StorageNames"/> store to Orleans memory storage, and reminders (mandate expiry) to the
    /// in-memory reminder service: the embedded demo and tests only.
    /// </summary>
    public static ISiloBuilder AddNemLoginInMemoryStorage(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseInMemoryReminderService();
        foreach (var name in AllStorageNames)
        {
            silo.AddMemoryGrainStorage(name);
        }

        return silo;
    }

    /// <summary>
    /// Maps every <see cref="StorageNames"/> store to the process's own table (<see cref="ProcessStateTable"/>), with the
    /// purge of expired state (section <c>Purge</c>, as in the cluster; audit records kept for
    /// <see cref="ExpiredStatePurgeOptions.AuditRetention"/>), and reminders to the in-memory reminder service:
    /// the embedded host, which is one silo. Test clusters of several silos in one process keep
    /// <see cref="AddNemLoginInMemoryStorage"/>, whose storage grain all silos share.
    /// </summary>
    public static ISiloBuilder AddNemLoginProcessStorage(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseInMemoryReminderService();
        silo.Services.TryAddSingleton<ProcessStateTable>();
        foreach (var name in AllStorageNames)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new ProcessGrainStorage(
                name,
                provider.GetRequiredService<ProcessStateTable>(),
                provider.GetRequiredService<IGrainStorageSerializer>(),
                provider.GetRequiredService<TimeProvider>(),
                name == StorageNames.Audit ? provider.GetRequiredService<IOptions<ExpiredStatePurgeOptions>>().Value.AuditRetention : null));
        }

        silo.Services.AddOptions<ExpiredStatePurgeOptions>().BindConfiguration(ExpiredStatePurgeOptions.SectionName).ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExpiredStatePurgeOptions>, ExpiredStatePurgeOptionsValidator>());
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<ProcessStatePurge>();
        silo.Services.AddHostedService(provider => provider.GetRequiredService<ProcessStatePurge>());
        return silo;
    }

    internal static readonly string[] AllStorageNames =
    [
        StorageNames.ServiceProviders,
        StorageNames.Sessions,
        StorageNames.LoginFlows,
        StorageNames.Identities,
        StorageNames.OneTimeIds,
        StorageNames.Audit,
        StorageNames.Oidc,
        StorageNames.Organisations,
        StorageNames.Mandates,
    ];

    private static IServiceCollection AddNemLoginStateSerialization(this IServiceCollection services)
    {
        // Grain state is written with the Orleans serializer, for every store: the state records version by their stable
        // [Id]s, and the default Newtonsoft serializer cannot read immutable collections back (identities' pseudonyms).
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return services;
    }

    private static IServiceCollection AddNemLoginSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>());

        // A setting rather than [CollectionAgeLimit] (which Orleans would prefer over any configuration), so an operator can
        // weigh memory against re-reading sessions from storage.
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<SessionOptions>>((collection, sessions) =>
            collection.ClassSpecificCollectionAge[typeof(SessionGrain).FullName!] = sessions.Value.ActivationIdleLimit);
        return services;
    }

    private static IServiceCollection AddNemLoginLoginFlows(this IServiceCollection services)
    {
        services.AddOptions<LoginFlowOptions>().BindConfiguration(LoginFlowOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoginFlowOptions>, LoginFlowOptionsValidator>());
        return services;
    }
}
