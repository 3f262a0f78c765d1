using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Audit;

namespace NemLogin.Gateway.Audit;

/// <summary>
/// The gateway's <see cref="IAuditTrail"/>: a bounded in-memory queue that <see cref="AuditWriter"/> empties in batches,
/// so a login never waits for the audit store. When the store is down long enough to fill the queue, new records are
/// dropped and counted rather than slowing or failing logins.
/// </summary>
internal sealed class AuditBuffer : IAuditTrail
{
    /// <summary>Longest text kept per field: some values (a refused request's issuer) are chosen by whoever sent it.</summary>
    private const int MaxFieldLength = 512;

    private readonly Channel<AuditBufferItem> _channel;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TimeProvider _time;
    private readonly RefusalBudget _refusals;
    private long _dropped;
    private long _suppressed;

    public AuditBuffer(IOptions<AuditOptions> options, TimeProvider time)
    {
        _time = time;
        _refusals = new RefusalBudget(options.Value.RefusalsPerSecond, options.Value.RefusalBurst, time);
        _channel = Channel.CreateBounded<AuditBufferItem>(new BoundedChannelOptions(options.Value.BufferCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<AuditBufferItem> Reader => _channel.Reader;

    public void Record(HttpContext? context, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (auditEvent.Category == AuditCategory.Refusal && !_refusals.TryTake())
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        var now = _time.GetUtcNow();
        var record = new AuditRecord
        {
            Id = Guid.CreateVersion7(now),
            Time = now,
            Category = auditEvent.Category,
            Action = auditEvent.Action,
            Outcome = auditEvent.Outcome,
            Actor = Cap(auditEvent.Actor),
            ServiceProvider = Cap(auditEvent.ServiceProvider),
            IdentityId = auditEvent.IdentityId,
            CorrelationId = Cap(context?.TraceIdentifier),
            Code = Cap(auditEvent.Code),
            Detail = Cap(auditEvent.Detail),
        };

        if (!_channel.Writer.TryWrite(new AuditBufferItem(record, null)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new AuditBufferItem(null, flushed), cancellationToken);
        _wake.Release();
        await flushed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits up to <paramref name="interval"/> for more records to gather; a flush request ends the wait early.</summary>
    public async Task GatherAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(interval, _time, wait.Token);
        var woken = _wake.WaitAsync(wait.Token);
        await Task.WhenAny(delay, woken);
        await wait.CancelAsync();
    }

    /// <summary>How many records were dropped since the last call.</summary>
    public long TakeDroppedCount() => Interlocked.Exchange(ref _dropped, 0);

    /// <summary>How many refusal records were over <see cref="AuditOptions.RefusalsPerSecond"/> since the last call.</summary>
    public long TakeSuppressedCount() => Interlocked.Exchange(ref _suppressed, 0);

    private static string? Cap(string? value) => value is { Length: > MaxFieldLength } ? value[..MaxFieldLength] : value;
}
