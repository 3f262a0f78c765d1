using System.Security.Cryptography.X509Certificates;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.ClusterTls;
using Xunit;

namespace NemLogin.Cluster.Tests.Security;

/// <summary>
/// The rule every silo and gateway applies to the other side's certificate (and to its own at start-up), on certificates
/// the <c>certs</c> verb made: the cluster CA only, valid now, the role the connection needs; two CAs during a rollover.
/// No processes: the cluster tests show the same rule at the ports.
/// </summary>
public sealed class ClusterCertificatePolicyTests(TwoCas cas) : IClassFixture<TwoCas>
{
    private readonly string _folder = cas.Folder;
    private readonly ClusterPki _cluster = cas.Cluster;
    private readonly ClusterPki _other = cas.Other;

    [Theory]
    [InlineData("silo", ClusterRole.Silo, null)]
    [InlineData("silo", ClusterRole.Gateway, null)]
    [InlineData("gateway", ClusterRole.Gateway, null)]
    [InlineData("gateway", ClusterRole.Silo, "is not a silo certificate")]
    [InlineData("store", ClusterRole.Silo, "is not a silo certificate")]
    [InlineData("store", ClusterRole.Gateway, "is not a gateway certificate")]
    public void Refusal_CertificateOfTheClusterCa_DecidedByRole(string issuedAs, ClusterRole needed, string? refusal)
    {
        using var certificate = _cluster.Issue(issuedAs, issuedAs + "-" + needed).LoadWithKey();

        var verdict = Policy(_cluster.CaPath).Refusal(certificate, null, needed);

        if (refusal is null)
        {
            Assert.Null(verdict);
        }
        else
        {
            Assert.StartsWith(refusal, verdict, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refusal_SiloCertificateOfAnotherCa_DoesNotChain()
    {
        // Attack class: a well-formed certificate from a CA the cluster does not know (another environment's, or one's own).
        using var certificate = _other.Issue("silo", "outsider").LoadWithKey();

        Assert.StartsWith("does not chain to the cluster CA", Policy(_cluster.CaPath).Refusal(certificate, null, ClusterRole.Silo), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_AfterTheCertificateExpired_DoesNotChain()
    {
        using var certificate = _cluster.Issue("silo", "expiring").LoadWithKey();
        var afterExpiry = new FixedTime(new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).AddDays(1));

        Assert.StartsWith("does not chain to the cluster CA", Policy(_cluster.CaPath, afterExpiry).Refusal(certificate, null, ClusterRole.Silo), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_DuringACaRollover_CertificatesOfEitherCaAccepted()
    {
        var both = Path.Combine(_folder, "both-cas.crt");
        File.WriteAllText(both, File.ReadAllText(_cluster.CaPath) + File.ReadAllText(_other.CaPath));
        using var old = _cluster.Issue("silo", "old-ca-silo").LoadWithKey();
        using var renewed = _other.Issue("silo", "new-ca-silo").LoadWithKey();

        Assert.Null(Policy(both).Refusal(old, null, ClusterRole.Silo));
        Assert.Null(Policy(both).Refusal(renewed, null, ClusterRole.Silo));
        Assert.NotNull(Policy(_cluster.CaPath).Refusal(renewed, null, ClusterRole.Silo));
    }

    [Fact]
    public void Refusal_NoCertificate_Refused() =>
        Assert.Equal("no certificate", Policy(_cluster.CaPath).Refusal(null, null, ClusterRole.Gateway));

    private static ClusterCertificatePolicy Policy(string caPath, TimeProvider? time = null)
    {
        var cas = new X509Certificate2Collection();
        cas.ImportFromPemFile(caPath);
        return new ClusterCertificatePolicy(cas, time ?? TimeProvider.System);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
