namespace NemLogin.Grains.Signing.Pkcs11;

internal sealed class HsmWorkItem<T>(Func<HsmWorkerContext, T> operation, long enqueuedAt) : HsmWorkItem(enqueuedAt)
{
    // Continuations never run on the HSM thread: the caller's code goes back to its own scheduler.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public override void Execute(HsmWorkerContext context) => _completion.TrySetResult(operation(context));

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
