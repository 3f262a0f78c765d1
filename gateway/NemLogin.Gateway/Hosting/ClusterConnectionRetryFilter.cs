namespace NemLogin.Gateway.Hosting;

/// <summary>
/// A gateway started before any silo (or while all are restarting) keeps trying instead of exiting; readiness stays
/// false until it is connected.
/// </summary>
internal sealed class ClusterConnectionRetryFilter(ILogger<ClusterConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        Log.ClusterConnectionRetry(logger, exception.GetType().Name);
        await Task.Delay(Pause, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
