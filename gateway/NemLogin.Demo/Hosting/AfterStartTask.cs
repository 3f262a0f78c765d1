namespace NemLogin.Demo.Hosting;

/// <summary>
/// Demo work that runs once the server listens (the demo's URLs depend on the address it got): started from
/// <see cref="IHostApplicationLifetime.ApplicationStarted"/>, never blocking start-up, its outcome in <see cref="Done"/>
/// for the pages and steps that need it. A failure is reported by <see cref="Failed"/>; the broker keeps serving.
/// </summary>
internal abstract class AfterStartTask(IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected Task Done => _done.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RunOnceAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract Task RunAsync();

    protected abstract void Failed(Exception exception);

    private async Task RunOnceAsync()
    {
        try
        {
            await RunAsync();
            _done.TrySetResult();
        }
        catch (Exception ex)
        {
            Failed(ex);
            _done.TrySetException(ex);
        }
    }
}
