namespace NemLogin.Gateway.Oidc.Signing;

/// <summary>Keeps <see cref="TokenSigningKeys"/> loaded in the background, so validation (which resolves keys synchronously) finds them.</summary>
internal sealed class TokenSigningKeyLoader(TokenSigningKeys keys, TimeProvider time, ILogger<TokenSigningKeyLoader> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await keys.EnsureAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cluster may not be reachable yet; request paths load the keys themselves and answer 503 meanwhile.
                Log.TokenSigningKeysUnavailable(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
