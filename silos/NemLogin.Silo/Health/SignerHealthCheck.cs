using Microsoft.Extensions.Diagnostics.HealthChecks;
using NemLogin.Grains.Signing;

namespace NemLogin.Silo.Health;

/// <summary>This silo's signer pool signs a probe with the current SAML key (a software key or the HSM).</summary>
internal sealed class SignerHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly byte[] Probe = "nemlogin-silo-readiness-probe"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A stateless worker: the call is served by an activation on this silo, so it probes this silo's key store.
            var result = await grains.GetGrain<ISignerGrain>(0)
                .SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256, Probe)
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"signer key {result.KeyId}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The signer pool cannot sign.", ex);
        }
    }
}
