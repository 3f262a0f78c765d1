using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.ClusterTls;

/// <summary>The extended key usages (RFC 5280 4.2.1.12) that mark a cluster certificate's role.</summary>
public static class ClusterKeyUsages
{
    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "TLS Web Server Authentication");

    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication");

    /// <summary>The usages a certificate of <paramref name="role"/> carries.</summary>
    public static OidCollection For(ClusterRole role) => role == ClusterRole.Silo
        ? [ServerAuthentication, ClientAuthentication]
        : [ClientAuthentication];

    /// <summary>True when the certificate names every usage of <paramref name="role"/>.</summary>
    public static bool Allow(X509Certificate2 certificate, ClusterRole role)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault()?.EnhancedKeyUsages;
        return usages is not null
            && For(role).Cast<Oid>().All(required => usages.Cast<Oid>().Any(u => u.Value == required.Value));
    }
}
