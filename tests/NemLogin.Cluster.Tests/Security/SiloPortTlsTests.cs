using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.ClusterTls;
using Xunit;

namespace NemLogin.Cluster.Tests.Security;

/// <summary>
/// Attack class: anyone on the network joining the cluster as a silo or reading its traffic (docs/security.md,
/// "Between processes"). The silo-to-silo port speaks mutual TLS and accepts only a silo certificate of the cluster CA;
/// a silo answers such a caller at once with its Orleans preamble, which is how acceptance is seen. Both Orleans ports
/// listen on the configured address alone.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloPortTlsTests(ClusterUnderTest cluster, TwoCas outsiders) : IClassFixture<TwoCas>
{
    /// <summary>Callers the silo port refuses, and the reason the silo logs (none for a caller without a certificate: TLS itself refuses).</summary>
    public static TheoryData<string, string?> RefusedCallers() => new()
    {
        { "no certificate", null },
        { "cluster gateway", "is not a silo certificate" },
        { "cluster store", "is not a silo certificate" },
        { "other CA silo", "does not chain to the cluster CA" },
        { "self-signed silo", "does not chain to the cluster CA" },
    };

    [Fact]
    public async Task SiloPort_ClusterSiloCertificate_AnsweredOverTls13ByASiloOfTheClusterCa()
    {
        // The control for the refusals below: the same probe with a silo's credentials gets the silo's preamble.
        using var certificate = cluster.Pki.Issue("silo", "probe-silo-" + Guid.NewGuid().ToString("N")[..8]).LoadWithKey();

        var answer = await TlsProbe.TlsAsync(cluster.SiloPort(cluster.Silos[0]), certificate, []);

        Assert.NotEmpty(answer.Data);
        Assert.Equal(SslProtocols.Tls13, answer.Protocol);
        var ca = new X509Certificate2Collection();
        ca.ImportFromPemFile(cluster.Pki.CaPath);
        Assert.Null(new ClusterCertificatePolicy(ca, TimeProvider.System).Refusal(answer.ServerCertificate, null, ClusterRole.Silo));
    }

    [Theory]
    [MemberData(nameof(RefusedCallers))]
    public async Task SiloPort_CallerWithoutASiloCertificateOfTheCluster_Refused(string caller, string? reason)
    {
        using var certificate = Certificate(caller);

        foreach (var silo in cluster.Silos)
        {
            var answer = await TlsProbe.TlsAsync(cluster.SiloPort(silo), certificate, []);

            Assert.True(answer.Data.Length == 0, $"{silo.Name} answered a caller with {caller}: {answer.Data.Length} bytes");
            if (certificate is not null)
            {
                // Refused by the cluster's own policy, for the right reason (not by accident of the handshake).
                Assert.True(await silo.LogShowsAsync(TimeSpan.FromSeconds(30), $"refused the client certificate {certificate.Subject} ({certificate.Thumbprint}) on a silo-port inbound connection: it {reason}"),
                    $"{silo.Name} did not log the refusal of {caller}");
            }
        }
    }

    [Fact]
    public async Task SiloAndGatewayPorts_PlainTcp_GetNoOrleansAnswer()
    {
        // An Orleans preamble in the clear (length-prefixed, as Orleans frames it): a TLS server can only end the connection,
        // at most with a TLS alert record (content type 21).
        byte[] preamble = [16, 0, 0, 0, .. Guid.NewGuid().ToByteArray()];
        foreach (var silo in cluster.Silos)
        {
            foreach (var port in new[] { cluster.SiloPort(silo), cluster.GatewayPort(silo) })
            {
                var answer = await TlsProbe.PlainAsync(port, preamble);

                Assert.True(answer.Length == 0 || answer[0] == 21, $"{silo.Name} port {port} answered plain TCP: {Convert.ToHexString(answer)}");
            }
        }
    }

    [Fact]
    public async Task SiloAndGatewayPorts_ListenOnTheConfiguredAddressOnly()
    {
        // The silos are configured for 127.0.0.1. Linux routes all of 127.0.0.0/8 to the loopback interface, so a socket
        // bound to every interface (0.0.0.0) would also accept 127.0.0.2; one bound to 127.0.0.1 does not.
        foreach (var silo in cluster.Silos)
        {
            foreach (var port in new[] { cluster.SiloPort(silo), cluster.GatewayPort(silo) })
            {
                Assert.True(await AcceptsAsync(IPAddress.Loopback, port), $"{silo.Name} does not listen on 127.0.0.1:{port}");
                Assert.False(await AcceptsAsync(IPAddress.Parse("127.0.0.2"), port), $"{silo.Name} listens beyond its address on port {port}");
            }
        }
    }

    private X509Certificate2? Certificate(string caller) => caller switch
    {
        "no certificate" => null,
        "cluster gateway" => cluster.Pki.Issue("gateway", "probe-gateway-" + Guid.NewGuid().ToString("N")[..8]).LoadWithKey(),
        "cluster store" => cluster.Pki.Issue("store", "probe-store-" + Guid.NewGuid().ToString("N")[..8]).LoadWithKey(),
        "other CA silo" => outsiders.OtherSilo.LoadWithKey(),
        "self-signed silo" => TwoCas.SelfSigned(),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }
}
