using Microsoft.Extensions.Options;
using NemLogin.Gateway.Audit;
using NemLogin.Grains;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>
/// Every <see cref="ServiceProvidersOptions.MetadataRefreshCheckInterval"/>, asks each SP with a metadata URL whether a
/// refresh is due. The SP's grain hands the fetch to one gateway per interval, however many gateways ask.
/// </summary>
internal sealed class MetadataRefreshService(
    IGrainFactory grains,
    ServiceProviderAdministration administration,
    IOptions<ServiceProvidersOptions> options,
    TimeProvider time,
    ILogger<MetadataRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MetadataRefreshCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshDueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round: every SP whose refresh is due now. Failures are logged and audited; the SP keeps its metadata.</summary>
    public async Task RefreshDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> refreshing;
        try
        {
            refreshing = await grains.Reference<IServiceProviderDirectoryGrain>(ServiceProviderDirectory.Key).ListRefreshingAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.MetadataRefreshRoundFailed(logger, ex);
            return;
        }

        foreach (var entityId in refreshing)
        {
            try
            {
                if (await grains.Reference<IServiceProviderGrain>(entityId).ClaimMetadataRefreshAsync() is { } source)
                {
                    await administration.RefreshMetadataAsync(null, entityId, source, AuditActions.MetadataRefreshActor, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is SamlException or GrainRuleException or MetadataFetchException)
            {
                // Already logged and audited with its code; the next interval tries again.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.MetadataRefreshFailed(logger, entityId, ex);
            }
        }
    }
}
