using NemLogin.Cluster.Tests.Infrastructure;

namespace NemLogin.Cluster.Tests.Configuration;

/// <summary>Certificates for hosts that stop at start-up: the cluster CA's silo and gateway, and a gateway of another CA.</summary>
public sealed class StartupPki : IDisposable
{
    private readonly string _folder;

    public StartupPki()
    {
        _folder = Directory.CreateTempSubdirectory("nemlogin-startup-pki-").FullName;
        Watchdog.TrackFolder(_folder);
        Cluster = ClusterPki.Create(_folder, "cluster");
        Silo = Cluster.Issue("silo", "silo");
        Gateway = Cluster.Issue("gateway", "gateway");
        Outsider = ClusterPki.Create(_folder, "outsider").Issue("gateway", "outsider-gateway");
    }

    internal ClusterPki Cluster { get; }

    internal NodeCertificate Silo { get; }

    internal NodeCertificate Gateway { get; }

    /// <summary>A gateway certificate of a CA the cluster does not know.</summary>
    internal NodeCertificate Outsider { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
