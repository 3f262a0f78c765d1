using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// A grain store whose failures reach callers as exceptions every process can read. A store's own exceptions
/// (<c>RedisStorageException</c>, Npgsql's) travel to a gateway inside the error response of the grain call that needed the
/// state, and a gateway has neither type: Orleans 10.4 then fails to read that response, and the gateway's connection
/// to the silo can stall on the bytes that follow it until more traffic arrives (seen under TLS, whose records cut
/// messages differently) — calls time out long after the store is back. The store's exception is logged by the silo;
/// the caller gets an <see cref="OrleansException"/> that names the store, the operation and the exception type.
/// <see cref="InconsistentStateException"/> (an ETag conflict, which the grains rely on) passes unchanged.
/// <para>
/// A failed write or clear becomes an <see cref="InconsistentStateException"/> itself, because after it the grain's
/// memory and the store may disagree: the grain set its new state before writing it, and the write may or may not have
/// reached the store (a timeout after the commit). When that exception leaves the grain call, Orleans deactivates the
/// activation, and the next call reads the state as the store has it. Without this a retried call could be answered from
/// memory alone: a grain that keeps request receipts in its state found the retry's receipt, said "done", and stored
/// nothing (a national seed lost 24 organisations that way while the silo was paused).
/// </para>
/// </summary>
internal sealed partial class PortableErrorGrainStorage(string name, IGrainStorage inner, ILogger logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard("read", stateName, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Guard("read", stateName, () => inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard("write", stateName, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Guard("write", stateName, () => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard("clear", stateName, () => inner.ClearStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Guard("clear", stateName, () => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken));

    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }

    private async Task Guard(string operation, string stateName, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is not (InconsistentStateException or OrleansException or OperationCanceledException))
        {
            // The grain id stays out of the line: some grains are keyed by a person's identifiers.
            StoreFailed(logger, ex, name, operation, stateName);
            var message = $"Grain store '{name}' could not {operation} state: {ex.GetType().Name}. The silo's log has the details.";
            if (operation == "read")
            {
                throw new OrleansException(message);
            }

            throw new InconsistentStateException(message + " Whether it was stored is unknown: the grain reads its state again on the next call.");
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Grain store {Store} could not {Operation} state {StateName}")]
    private static partial void StoreFailed(ILogger logger, Exception exception, string store, string operation, string stateName);
}
