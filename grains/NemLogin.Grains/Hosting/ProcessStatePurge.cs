using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Hosting;

/// <summary>
/// The embedded host's counterpart of the cluster silo's purge of expired rows: every
/// <see cref="ExpiredStatePurgeOptions.Interval"/> it drops the in-process records (<see cref="ProcessStateTable"/>) whose
/// expiry passed more than <see cref="ExpiredStatePurgeOptions.Grace"/> ago. The grace outlasts the activations that may
/// still hold such a record's version, as in the cluster.
/// </summary>
internal sealed class ProcessStatePurge(
    ProcessStateTable table,
    IOptions<ExpiredStatePurgeOptions> options,
    TimeProvider timeProvider,
    ILogger<ProcessStatePurge> logger) : BackgroundService
{
    /// <summary>One round: the number of records removed.</summary>
    public int Purge()
    {
        var removed = table.Purge(timeProvider.GetUtcNow() - options.Value.Grace);
        if (removed > 0)
        {
            Log.ProcessStatePurged(logger, removed, table.Count);
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Purge();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
