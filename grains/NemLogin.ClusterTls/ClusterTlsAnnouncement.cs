using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NemLogin.ClusterTls;

/// <summary>Says once at start-up whether this process speaks TLS to the cluster, and as whom.</summary>
internal sealed class ClusterTlsAnnouncement(ClusterCertificates? certificates, ILogger logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificates is null)
        {
            Log.TlsOff(logger);
        }
        else
        {
            Log.TlsOn(logger, certificates.Role.ToString().ToLowerInvariant(), certificates.Local.Subject, certificates.Local.Thumbprint,
                certificates.Local.NotAfter.ToUniversalTime(), string.Join(" and ", certificates.ClusterCas.Select(ca => ca.Subject)));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
