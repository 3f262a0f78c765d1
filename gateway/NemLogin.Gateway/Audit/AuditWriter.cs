using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Audit;

namespace NemLogin.Gateway.Audit;

/// <summary>Moves buffered audit records into the audit bucket grains, in batches, off every request path.</summary>
internal sealed class AuditWriter(
    AuditBuffer buffer,
    IGrainFactory grains,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditWriter> logger) : BackgroundService
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    /// <summary>This gateway's shard: gateways spread over the shards, so no single bucket activation takes every write.</summary>
    private readonly int _shard = Random.Shared.Next(AuditBucketKey.Shards);

    /// <summary>The page of the current minute that last had room, so a full page is not asked again on every batch.</summary>
    private (DateTimeOffset Minute, int Page) _page;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await buffer.Reader.WaitToReadAsync(stoppingToken))
            {
                await buffer.GatherAsync(options.Value.FlushInterval, stoppingToken);
                await DrainAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written below.
        }

        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await DrainAsync(last.Token);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (buffer.TakeSuppressedCount() is var suppressed and > 0)
        {
            // One record stands for the refusals over budget, so an auditor sees that a flood happened and how big it was.
            Log.AuditRefusalsSuppressed(logger, suppressed);
            buffer.Record(null, new AuditEvent(AuditCategory.Administration, AuditActions.RefusalsSuppressed, AuditOutcome.Failed)
            {
                Actor = AuditActions.AuditActor,
                Code = AuditActions.RefusalsSuppressed,
                Detail = $"{suppressed} refused requests over the audit budget were counted, not recorded",
            });
        }

        while (true)
        {
            var records = new List<AuditRecord>();
            var markers = new List<TaskCompletionSource>();
            while (records.Count < options.Value.MaxBatchSize && buffer.Reader.TryRead(out var item))
            {
                if (item.Record is { } record)
                {
                    records.Add(record);
                }
                else if (item.Flushed is { } marker)
                {
                    markers.Add(marker);
                }
            }

            if (records.Count == 0 && markers.Count == 0)
            {
                return;
            }

            foreach (var minute in records.GroupBy(r => AuditBucketKey.Start(r.Time)))
            {
                await WriteMinuteAsync(minute.Key, [.. minute], cancellationToken);
            }

            markers.ForEach(m => m.TrySetResult());
            if (buffer.TakeDroppedCount() is var dropped and > 0)
            {
                Log.AuditRecordsDropped(logger, dropped);
            }
        }
    }

    // Appends to this gateway's shard of the minute, from the last page that had room (AuditBuckets fills the pages).
    private async Task WriteMinuteAsync(DateTimeOffset minute, ImmutableArray<AuditRecord> records, CancellationToken cancellationToken)
    {
        var firstPage = _page.Minute == minute ? _page.Page : 0;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Appends are idempotent by record id, so a retry after an unclear failure stores nothing twice.
                _page = (minute, await AuditBuckets.AppendAsync(grains, minute, _shard, records, firstPage));
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (attempt >= RetryDelays.Length || cancellationToken.IsCancellationRequested)
                {
                    Log.AuditRecordsLost(logger, records.Length, AuditBucketKey.For(minute, _shard, firstPage), ex);
                    return;
                }

                try
                {
                    await Task.Delay(RetryDelays[attempt], time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Log.AuditRecordsLost(logger, records.Length, AuditBucketKey.For(minute, _shard, firstPage), ex);
                    return;
                }
            }
        }
    }
}
