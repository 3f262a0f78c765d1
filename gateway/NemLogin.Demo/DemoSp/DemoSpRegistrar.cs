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
    ILogger<DemoSpRegistrar> logger) : IHostedService
{
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the demo SP is registered; the demo pages wait for it.</summary>
    public Task Registered => _registered.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RegisterAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RegisterAsync()
    {
        try
        {
            var registration = RegistrationFromMetadata.Create(sp.Metadata(), time.GetUtcNow(), _ => true, LevelOfAssurance.Substantial);
            await catalog.RegisterAsync(registration);
            Log.DemoServiceProviderRegistered(logger, sp.EntityId);
            _registered.TrySetResult();
        }
        catch (Exception ex)
        {
            // Surfaced to every demo page through Registered; the broker itself keeps serving other SPs.
            Log.DemoServiceProviderFailed(logger, ex);
            _registered.TrySetException(ex);
        }
    }
}
