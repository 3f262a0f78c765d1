using System.Globalization;
using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Security;

/// <summary>
/// Fault: a silo with a certificate the cluster CA did not issue (another environment's, or an attacker's own CA) starts
/// with the cluster's id and database. It registers as joining, cannot reach any member over TLS, gives up and exits; it
/// never becomes active, and the cluster serves on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RogueSiloTests(ClusterUnderTest cluster, TwoCas outsiders) : IClassFixture<TwoCas>
{
    private const int Active = 3;

    [Fact]
    public async Task Silo_WithACertificateOfAnotherCa_NeverBecomesActiveAndTheClusterServesOn()
    {
        var tls = outsiders.Other.Environment(outsiders.OtherSilo);
        // Only the cluster's own connections differ: the stores it can reach, as any silo.
        tls["ClusterTls__StoreCaPath"] = cluster.Pki.CaPath;
        var environment = cluster.SiloEnvironment("DC1", "rogue", tls);
        var siloPort = FreePorts.Next();
        environment["Urls"] = $"http://127.0.0.1:{FreePorts.Next()}";
        environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__AdvertisedAddress"] = "127.0.0.1";
        // Orleans' default is five minutes of join attempts; the outcome is the same after ten seconds.
        environment["Orleans__Membership__MaxJoinAttemptTime"] = "00:00:10";
        var rogue = new HostNode("silo-rogue", "DC1", BuiltHosts.Silo, FreePorts.Next(), environment, cluster.Folder);

        rogue.Start();
        if (!await rogue.Process!.WaitForExitAsync(TimeSpan.FromMinutes(2)))
        {
            await rogue.KillAsync();
            Assert.Fail("The silo with a foreign certificate kept running: " + rogue.Process.LogTail());
        }

        Assert.NotEqual(0, rogue.Process.ExitCode);
        var status = await cluster.MemberStatusAsync(siloPort);
        Assert.True(status is not null, "The rogue silo never reached the membership table: " + rogue.Process.LogTail());
        Assert.NotEqual(Active, status);
        foreach (var silo in cluster.Silos)
        {
            Assert.Equal(200, (await silo.ReadinessAsync()).Status);
        }

        foreach (var client in new[] { cluster.Dc1, cluster.Dc2 })
        {
            var hosts = await client.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, TestContext.Current.CancellationToken);
            Assert.Equal(cluster.Silos.Count, hosts.Count);
        }
    }
}
