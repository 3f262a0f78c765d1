using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NemLogin.Silo.Health;

/// <summary>Ready only while this silo is an active member of the cluster (not joining, shutting down or declared dead).</summary>
internal sealed class SiloActiveHealthCheck(ILocalSiloDetails local, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {local.Name} is active")
            : HealthCheckResult.Unhealthy($"silo {local.Name} is {status}"));
    }
}
