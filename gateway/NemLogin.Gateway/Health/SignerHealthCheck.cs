using NemLogin.Grains.Errors;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NemLogin.Grains;
using NemLogin.Grains.Signing;

namespace NemLogin.Gateway.Health;

/// <summary>
/// Ready means a silo answers and the signer pool can sign with the current SAML key: a probe signature proves both.
/// An HSM failure makes it unhealthy (the pool fails fast until its sessions are re-opened, which a later probe
/// triggers); a full signing queue only degrades it, so shedding load does not also take the gateway out of rotation.
/// </summary>
internal sealed class SignerHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly byte[] Probe = "nemlogin-readiness-probe"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var signer = grains.Reference<ISignerGrain>(0);
            var result = await signer.SignAsync(KeyPurpose.SamlSigning, SigningAlgorithm.RsaPkcs1Sha256, Probe)
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return result.Signature.Length > 0
                ? HealthCheckResult.Healthy($"signer key {result.KeyId}")
                : HealthCheckResult.Unhealthy("The signer returned an empty signature.");
        }
        catch (GrainRuleException ex) when (ex.Code == BrokerErrors.Name(BrokerError.SigningOverloaded))
        {
            return HealthCheckResult.Degraded("The signing queue is full.", ex);
        }
        catch (GrainRuleException ex)
        {
            return HealthCheckResult.Unhealthy($"The signer refused the probe: {ex.Code}.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The silo or the signer pool is not available.", ex);
        }
    }
}
