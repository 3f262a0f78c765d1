using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Signing.Pkcs11;
using Orleans.Configuration;

namespace NemLogin.Grains.Signing;

internal static class SigningServiceCollectionExtensions
{
    /// <summary>
    /// The key store named by <c>Signing:Provider</c>, chosen when the container builds it (so configuration added late,
    /// e.g. by a test host, still counts). Options are validated at start-up; both sections are logged by Orleans'
    /// options formatter with the PIN redacted.
    /// </summary>
    public static IServiceCollection AddNemLoginSigning(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<SigningOptions>().BindConfiguration(SigningOptions.SectionName).ValidateOnStart();
        services.AddOptions<Pkcs11SigningOptions>().BindConfiguration(Pkcs11SigningOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Pkcs11SigningOptions>, Pkcs11SigningOptionsValidator>());
        services.ConfigureFormatter<SigningOptions>();
        services.ConfigureFormatter<Pkcs11SigningOptions>();

        services.TryAddSingleton<SigningMetrics>();
        services.TryAddSingleton<SoftwareSigningKeyStore>();
        services.TryAddSingleton<IHsmSessionFactory, Pkcs11SessionFactory>();
        services.TryAddSingleton<Pkcs11SigningKeyStore>();
        services.TryAddSingleton<ISigningKeyStore>(sp =>
            sp.GetRequiredService<IOptions<SigningOptions>>().Value.Provider == SigningOptions.Pkcs11Provider
                ? sp.GetRequiredService<Pkcs11SigningKeyStore>()
                : sp.GetRequiredService<SoftwareSigningKeyStore>());
        // The chosen store checks its keys before the silo takes calls; a store a host substitutes may have nothing to check.
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ISigningKeyStore>() switch
        {
            ILifecycleParticipant<ISiloLifecycle> participant => participant,
            Pkcs11SigningKeyStore hsm => new StartupCheck(hsm.StartAsync),
            _ => new NoStartupCheck(),
        });
        services.TryAddSingleton<SigningKeyDirectoryView>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SigningKeyPublisher>();
        return services;
    }

    /// <summary>Runs a store's start-up check (the PKCS#11 library knows no silo) before the silo takes calls.</summary>
    private sealed class StartupCheck(Func<CancellationToken, Task> check) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(Pkcs11SigningKeyStore), ServiceLifecycleStage.ApplicationServices, check);
    }

    private sealed class NoStartupCheck : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle)
        {
        }
    }
}
