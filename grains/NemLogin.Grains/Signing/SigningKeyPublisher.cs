using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing;

/// <summary>
/// Publishes this silo's keys (every purpose) in <see cref="ISigningKeyDirectoryGrain"/> when the silo becomes active and
/// every <see cref="SigningOptions.KeyPublishInterval"/> after, so a rollover made with the <c>keys</c> verbs on one site's
/// token reaches the metadata, and refreshes this silo's copy of the directory (<see cref="SigningKeyDirectoryView"/>)
/// with what it reads back. Only with a <see cref="SigningOptions.Site"/>; the directory writes only on change.
/// </summary>
internal sealed class SigningKeyPublisher(
    ISigningKeyStore keyStore, IGrainFactory grains, SigningKeyDirectoryView view, IOptions<SigningOptions> options, TimeProvider time, ILogger<SigningKeyPublisher> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (options.Value.Site is null)
        {
            return;
        }

        lifecycle.Subscribe(nameof(SigningKeyPublisher), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    /// <summary>Publishes once before the silo counts as started, then keeps comparing in the background.</summary>
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await PublishAsync();
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.KeyPublishInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await PublishAsync();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task PublishAsync()
    {
        var site = options.Value.Site!;
        try
        {
            var keys = ImmutableArray.CreateBuilder<SigningKeyInfo>();
            foreach (var purpose in Enum.GetValues<KeyPurpose>())
            {
                keys.AddRange(await keyStore.GetKeysAsync(purpose));
            }

            var directory = grains.Reference<ISigningKeyDirectoryGrain>(0);
            await directory.PublishAsync(site, keys.ToImmutable());
            Log.SigningKeysPublished(logger, keys.Count, site);
            // The silo's copy (what its signer pool lists) follows every publish, other sites' changes included.
            view.Accept(await directory.GetAsync());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SigningKeysNotPublished(logger, ex, site);
        }
    }
}
