using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.ClusterTls;

namespace NemLogin.Cluster.Tests.Security;

/// <summary>
/// Credentials of callers that are not members of the cluster: certificates of another CA (made by the same
/// <c>certs</c> verb, so they are well-formed in every other way) and a self-signed certificate with every usage.
/// </summary>
public sealed class Outsiders : IDisposable
{
    private readonly string _folder;

    public Outsiders()
    {
        _folder = Directory.CreateTempSubdirectory("nemlogin-outsiders-").FullName;
        Watchdog.TrackFolder(_folder);
        Pki = ClusterPki.Create(_folder, "outsider");
        Silo = Pki.Issue("silo", "outsider-silo");
        Gateway = Pki.Issue("gateway", "outsider-gateway");
    }

    /// <summary>Another CA; its own silos trust it alone.</summary>
    internal ClusterPki Pki { get; }

    internal NodeCertificate Silo { get; }

    internal NodeCertificate Gateway { get; }

    /// <summary>A new certificate signed by its own key, with a silo's usages (server and client authentication).</summary>
    internal static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=self-signed-silo, OU=silo", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ClusterKeyUsages.For(ClusterRole.Silo), false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
