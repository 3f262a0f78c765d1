using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Support;

/// <summary>A PKCS#11 key store on a test token, without Orleans, with the fault-injecting seam around the real sessions.</summary>
internal sealed class HsmStore : IDisposable
{
    private readonly ServiceProvider _services;

    public HsmStore(Pkcs11SigningOptions options, TimeProvider? time = null)
    {
        Options = options;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        Real = new Pkcs11SessionFactory(Microsoft.Extensions.Options.Options.Create(options));
        Sessions = new FaultInjectingSessionFactory(Real);
        Store = new Pkcs11SigningKeyStore(
            Sessions, Microsoft.Extensions.Options.Options.Create(options), time ?? TimeProvider.System, new SigningMetrics(MeterFactory), NullLogger<Pkcs11SigningKeyStore>.Instance);
    }

    public Pkcs11SigningOptions Options { get; }

    public Pkcs11SessionFactory Real { get; }

    public FaultInjectingSessionFactory Sessions { get; }

    public Pkcs11SigningKeyStore Store { get; }

    public IMeterFactory MeterFactory { get; }

    public Pkcs11KeyAdministration Keys(TimeProvider? time = null) => new(Options, time ?? TimeProvider.System);

    public void Dispose()
    {
        Store.Dispose();
        Real.Dispose();
        _services.Dispose();
    }
}
