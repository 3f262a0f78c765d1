using NemLogin.Demo.Hosting;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains.Assurance;

namespace NemLogin.Demo.DemoSp;

/// <summary>
/// Registers the demo SP from its own metadata once the server listens (its URLs depend on the address it got).
/// The demo SP is entitled to the CPR number so the demo shows the full attribute set.
/// </summary>
internal sealed class DemoSpRegistrar(
    DemoServiceProvider sp,
    ServiceProviderCatalog catalog,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoSpRegistrar> logger) : AfterStartTask(lifetime)
{
    /// <summary>Completes when the demo SP is registered; the demo pages wait for it.</summary>
    public Task Registered => Done;

    protected override async Task RunAsync()
    {
        var registration = RegistrationFromMetadata.Create(sp.Metadata(), time.GetUtcNow(), _ => true, LevelOfAssurance.Substantial);
        await catalog.RegisterAsync(registration);
        Log.DemoServiceProviderRegistered(logger, sp.EntityId);
    }

    // Surfaced to every demo page through Registered; the broker itself keeps serving other SPs.
    protected override void Failed(Exception exception) => Log.DemoServiceProviderFailed(logger, exception);
}
