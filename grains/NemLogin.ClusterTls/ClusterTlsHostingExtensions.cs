using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace NemLogin.ClusterTls;

/// <summary>
/// Mutual TLS on every Orleans connection of a silo or gateway. Orleans' own <c>UseTls</c> applies one setting to all
/// directions; here each direction demands the role it needs: the silo port only silos, the gateway port any cluster
/// member, and an outgoing connection only a silo on the other end.
/// </summary>
public static class ClusterTlsHostingExtensions
{
    private const string LoggerCategory = "NemLogin.ClusterTls";

    /// <summary>Silo to silo and gateway to silo, both sides proving cluster membership. Null: plain TCP (Development only).</summary>
    public static ISiloBuilder UseNemLoginClusterTls(this ISiloBuilder silo, ClusterCertificates? certificates)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddHostedService(services => new ClusterTlsAnnouncement(certificates, Logger(services)));
        if (certificates is not null)
        {
            silo.Configure<SiloConnectionOptions>(options =>
            {
                options.ConfigureSiloInboundConnection(connection =>
                    connection.UseServerTls(Tls(connection, certificates, ClusterRole.Silo, "silo-port inbound", remoteIsClient: true)));
                options.ConfigureGatewayInboundConnection(connection =>
                    connection.UseServerTls(Tls(connection, certificates, ClusterRole.Gateway, "gateway-port inbound", remoteIsClient: true)));
                options.ConfigureSiloOutboundConnection(connection =>
                    connection.UseClientTls(Tls(connection, certificates, ClusterRole.Silo, "silo outbound", remoteIsClient: false)));
            });
        }

        return silo;
    }

    /// <summary>A gateway's (Orleans client's) connections to silos. Null: plain TCP (Development only).</summary>
    public static IClientBuilder UseNemLoginClusterTls(this IClientBuilder client, ClusterCertificates? certificates)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddHostedService(services => new ClusterTlsAnnouncement(certificates, Logger(services)));
        if (certificates is not null)
        {
            client.Configure<ClientConnectionOptions>(options => options.ConfigureConnection(connection =>
                connection.UseClientTls(Tls(connection, certificates, ClusterRole.Silo, "gateway outbound", remoteIsClient: false))));
        }

        return client;
    }

    private static TlsOptions Tls(IConnectionBuilder connection, ClusterCertificates certificates, ClusterRole remoteRole, string name, bool remoteIsClient)
    {
        var logger = Logger(connection.ApplicationServices);
        var policy = new ClusterCertificatePolicy(certificates.ClusterCas, connection.ApplicationServices.GetService<TimeProvider>() ?? TimeProvider.System);
        return new TlsOptions
        {
            LocalCertificate = certificates.Local,
            // Always present our certificate, whatever issuers the other side lists (a Linux server lists none).
            LocalClientCertificateSelector = (_, _, _, _, _) => certificates.Local,
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
            // Both ends are ours: nothing older than TLS 1.3 needs to be spoken.
            SslProtocols = SslProtocols.Tls13,
            RemoteCertificateValidation = (certificate, chain, _) =>
            {
                // The machine's verdict (policy errors) is ignored on purpose: it trusts the system store, not the cluster CA.
                var refusal = policy.Refusal(certificate, chain, remoteRole);
                if (refusal is not null)
                {
                    Log.CertificateRefused(logger, remoteIsClient ? "client" : "server", certificate.Subject, certificate.Thumbprint, name, refusal);
                }

                return refusal is null;
            },
        };
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
}
