using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NemLogin.Cluster.Tests.Infrastructure;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Xunit;
using Xunit.Sdk;

namespace NemLogin.Cluster.Tests.Security;

/// <summary>
/// Attack class: anyone on the network calling grains directly (docs/security.md, "Between processes"). An Orleans client
/// with the cluster's id, its gateway addresses and the management grain (which can list, deactivate and stop silos) is
/// all it takes without TLS; the gateway port demands a certificate of the cluster CA. The caller here does not check
/// the silo's certificate: it only wants in.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GatewayPortTlsTests(ClusterUnderTest cluster, TwoCas outsiders) : IClassFixture<TwoCas>
{
    public static TheoryData<string> RefusedCallers() => new(["plain TCP", "TLS without a certificate", "other CA gateway", "self-signed"]);

    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GatewayPort_OrleansClientWithAGatewayCertificateOfTheCluster_CallsTheManagementGrain()
    {
        // The control for the refusals below: the same client, with the credentials a gateway has.
        var failure = await CallManagementGrainAsync(client => client.UseTls(cluster.ClientCertificates.Local, Attacker));

        Assert.Null(failure);
    }

    [Theory]
    [MemberData(nameof(RefusedCallers))]
    public async Task GatewayPort_OrleansClientWithoutAClusterCertificate_CannotCallAnyGrain(string caller)
    {
        using var certificate = caller switch
        {
            "other CA gateway" => outsiders.OtherGateway.LoadWithKey(),
            "self-signed" => TwoCas.SelfSigned(),
            _ => null,
        };
        var failure = await CallManagementGrainAsync(client =>
        {
            switch (caller)
            {
                case "plain TCP":
                    break;
                case "TLS without a certificate":
                    client.UseTls(options =>
                    {
                        Attacker(options);
                        options.ClientCertificateMode = RemoteCertificateMode.NoCertificate;
                    });
                    break;
                case "other CA gateway" or "self-signed":
                    client.UseTls(certificate!, Attacker);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(caller), caller, null);
            }
        });

        Assert.NotNull(failure);
        if (certificate is not null)
        {
            // Refused by the cluster's own policy (the client tries the gateways of DC1).
            Assert.True(await HostNode.AnyLogShowsAsync([.. cluster.SilosOf("DC1")], LogWait,
                $"refused the client certificate {certificate.Subject} ({certificate.Thumbprint}) on a gateway-port inbound connection: it does not chain to the cluster CA"),
                $"No DC1 silo logged the refusal of {caller}");
        }
    }

    private static void Attacker(TlsOptions options) => options.AllowAnyRemoteCertificate();

    /// <summary>Null when a client configured by <paramref name="configure"/> lists the cluster's silos; else why not.</summary>
    private async Task<Exception?> CallManagementGrainAsync(Action<IClientBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = ClusterUnderTest.ServiceId;
            });
            client.UseStaticClustering(cluster.GatewayPortsOf("DC1").Select(port => new IPEndPoint(IPAddress.Loopback, port)).ToArray());
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            configure(client);
        });
        using var host = builder.Build();
        var cancellationToken = TestContext.Current.CancellationToken;
        try
        {
            await host.StartAsync(cancellationToken);
            var hosts = await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, TestContext.Current.CancellationToken);
            Assert.Equal(cluster.Silos.Count, hosts.Count);
            return null;
        }
        catch (Exception ex) when (ex is not XunitException and not OperationCanceledException)
        {
            return ex;
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await host.StopAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException)
            {
                // The refused client had nothing to say goodbye to.
            }
        }
    }
}
