namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>A queued operation: run on a pool thread, its caller awaits the task.</summary>
internal abstract class HsmWorkItem(long enqueuedAt)
{
    public long EnqueuedAt { get; } = enqueuedAt;

    /// <summary>Runs the operation; exceptions propagate to the worker, which decides between retry and failure.</summary>
    public abstract void Execute(HsmWorkerContext context);

    public abstract void Fail(Exception exception);
}
