using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.ClusterTls;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// Two CAs made with the silo's <c>certs</c> verb, with a silo and a gateway certificate each: <see cref="Cluster"/> for
/// hosts that are not the running cluster's (they stop at start-up, or only the policy looks at them), and
/// <see cref="Other"/>, a CA the cluster does not know, for callers that are not members (well-formed in every other way).
/// </summary>
public sealed class TwoCas : IDisposable
{
    public TwoCas()
    {
        Folder = Directory.CreateTempSubdirectory("nemlogin-cas-").FullName;
        Watchdog.TrackFolder(Folder);
        Cluster = ClusterPki.Create(Folder, "cluster");
        Other = ClusterPki.Create(Folder, "other");
        ClusterSilo = Cluster.Issue("silo", "cluster-silo");
        ClusterGateway = Cluster.Issue("gateway", "cluster-gateway");
        OtherSilo = Other.Issue("silo", "other-silo");
        OtherGateway = Other.Issue("gateway", "other-gateway");
        KeyRing = Cluster.Issue("keyring", "key-ring");
    }

    internal string Folder { get; }

    internal ClusterPki Cluster { get; }

    internal ClusterPki Other { get; }

    internal NodeCertificate ClusterSilo { get; }

    internal NodeCertificate ClusterGateway { get; }

    internal NodeCertificate OtherSilo { get; }

    internal NodeCertificate OtherGateway { get; }

    /// <summary>The RSA certificate (keyring role) that encrypts the gateways' data-protection keys.</summary>
    internal NodeCertificate KeyRing { get; }

    /// <summary>A new certificate signed by its own key, with a silo's usages (server and client authentication).</summary>
    internal static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=self-signed-silo, OU=silo", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ClusterKeyUsages.For(ClusterRole.Silo), false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
