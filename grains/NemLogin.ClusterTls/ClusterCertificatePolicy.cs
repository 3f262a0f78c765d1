using System.Security.Cryptography.X509Certificates;

namespace NemLogin.ClusterTls;

/// <summary>
/// Which remote certificates a silo or gateway accepts: one that chains to the cluster CA alone (never the machine's
/// trust store, where any public CA would do), is valid now, and carries the role the connection needs. During a CA
/// rollover the cluster CA is two certificates (the old and the new), and either will do. Host names are
/// not checked: silos are reached by address, and the membership table (not the certificate) says which address is
/// which silo; the certificate says "a member of this cluster in this role".
/// </summary>
public sealed class ClusterCertificatePolicy(X509Certificate2Collection clusterCas, TimeProvider time)
{
    /// <summary>The reason <paramref name="remote"/> is refused for <paramref name="role"/>, or null when it is accepted.</summary>
    /// <param name="presented">The chain the peer sent (intermediates are taken from it, never trusted from it).</param>
    /// <param name="role">The role the connection needs: a silo's usages include server authentication, so a server is always checked as a silo.</param>
    public string? Refusal(X509Certificate2? remote, X509Chain? presented, ClusterRole role)
    {
        if (remote is null)
        {
            return "no certificate";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(clusterCas);
        // A private CA publishes no revocation list: a node's certificate is short-lived and the CA is rotated to revoke
        // (docs/security.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                if (element.Certificate.Thumbprint != remote.Thumbprint)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        if (!chain.Build(remote))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
            return $"does not chain to the cluster CA ({status})";
        }

        var root = chain.ChainElements[^1].Certificate;
        if (!clusterCas.Any(ca => root.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span)))
        {
            return "chains to another root than the cluster CA";
        }

        return ClusterKeyUsages.Allow(remote, role) ? null : $"is not a {role.ToString().ToLowerInvariant()} certificate (extended key usage)";
    }
}
