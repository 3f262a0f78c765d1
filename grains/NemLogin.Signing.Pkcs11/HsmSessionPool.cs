using NemLogin.Grains.Errors;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// A fixed set of PKCS#11 sessions, each owned by one dedicated thread, fed by one bounded queue.
/// PKCS#11 calls are synchronous, so they run on these threads and never on the Orleans scheduler or the thread pool;
/// callers await a task. The thread count is the session count is the most calls the silo makes into the HSM at once.
/// A full queue sheds with <see cref="BrokerError.SigningOverloaded"/>; a device error makes every request fail fast with
/// <see cref="BrokerError.SigningHsmUnavailable"/> until <see cref="Pkcs11SigningOptions.RecoveryInterval"/> has passed,
/// when the next request re-opens the sessions (docs/security.md, faults).
/// </summary>
public sealed class HsmSessionPool : IDisposable
{
    private readonly BlockingCollection<HsmWorkItem> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread[] _threads;
    private readonly ILogger _logger;
    private int _sessionsOpen;
    private int _generation;
    private HsmFault? _fault;

    public HsmSessionPool(IHsmSessionFactory factory, Pkcs11SigningOptions options, TimeProvider time, SigningMetrics metrics, ILogger logger)
    {
        Factory = factory;
        Options = options;
        Time = time;
        Metrics = metrics;
        _logger = logger;
        _queue = new BlockingCollection<HsmWorkItem>(new ConcurrentQueue<HsmWorkItem>(), options.MaxQueueLength);
        _threads = new Thread[options.Sessions];
        for (var i = 0; i < _threads.Length; i++)
        {
            var worker = new HsmWorker(this, _logger);
            _threads[i] = new Thread(() => Serve(worker)) { IsBackground = true, Name = $"nemlogin-hsm-{i}" };
            _threads[i].Start();
        }

        metrics.ObservePool(this);
    }

    /// <summary>Sessions (and threads) in the pool.</summary>
    public int Size => _threads.Length;

    /// <summary>Requests waiting for a session.</summary>
    public int QueueLength => _queue.Count;

    /// <summary>Sessions currently open and logged in.</summary>
    public int SessionsOpen => Volatile.Read(ref _sessionsOpen);

    /// <summary>Null while healthy; otherwise why signing fails fast.</summary>
    public HsmFault? Fault => Volatile.Read(ref _fault);

    internal IHsmSessionFactory Factory { get; }

    internal Pkcs11SigningOptions Options { get; }

    internal TimeProvider Time { get; }

    internal SigningMetrics Metrics { get; }

    /// <summary>A device error moves this on, so every thread re-opens its session before its next call.</summary>
    internal int Generation => Volatile.Read(ref _generation);

    /// <summary>Queues <paramref name="operation"/> for a pool thread; fails at once when the pool is failing fast or full.</summary>
    public Task<T> RunAsync<T>(Func<HsmWorkerContext, T> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (IsFailingFast(out var fault))
        {
            return Task.FromException<T>(Unavailable(fault));
        }

        var item = new HsmWorkItem<T>(operation, Time.GetTimestamp());
        if (!_queue.TryAdd(item))
        {
            Metrics.Error(BrokerErrors.Name(BrokerError.SigningOverloaded));
            return Task.FromException<T>(new GrainRuleException(
                BrokerErrors.Name(BrokerError.SigningOverloaded), $"The signing queue is full ({Options.MaxQueueLength} waiting); try again shortly."));
        }

        return item.Task;
    }

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            // A thread inside a stalled HSM call cannot be interrupted; it is a background thread and dies with the process.
            thread.Join(TimeSpan.FromSeconds(5));
        }

        while (_queue.TryTake(out var item))
        {
            item.Fail(new ObjectDisposedException(nameof(HsmSessionPool), "The signing pool stopped."));
        }
    }

    internal bool IsFailingFast(out HsmFault fault)
    {
        fault = Fault!;
        return fault is not null && Time.GetUtcNow() < fault.RetryAt;
    }

    internal static GrainRuleException Unavailable(HsmFault fault) =>
        new(BrokerErrors.Name(BrokerError.SigningHsmUnavailable), $"The HSM is unavailable ({fault.ReturnCode} since {fault.Since:O}); no signature is made until it recovers.");

    internal void SessionOpened() => Interlocked.Increment(ref _sessionsOpen);

    internal void SessionClosed() => Interlocked.Decrement(ref _sessionsOpen);

    internal void MarkFaulted(string returnCode)
    {
        var now = Time.GetUtcNow();
        var fault = new HsmFault(returnCode, Fault?.Since ?? now, now + Options.RecoveryInterval);
        Interlocked.Increment(ref _generation);
        if (Interlocked.Exchange(ref _fault, fault) is null)
        {
            Log.HsmDeviceFailed(_logger, returnCode, Options.RecoveryInterval);
        }
    }

    internal void MarkHealthy()
    {
        if (Fault is not null && Interlocked.Exchange(ref _fault, null) is { } fault)
        {
            Log.HsmRecovered(_logger, fault.ReturnCode, Time.GetUtcNow() - fault.Since);
        }
    }

    internal static string Name(CKR rv) => rv.ToString();

    private void Serve(HsmWorker worker)
    {
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable(_stopping.Token))
            {
                worker.Run(item);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            worker.CloseSession();
        }
    }
}
