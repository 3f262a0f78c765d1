using System.Security.Cryptography;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Identities;
using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.Sessions;
using Xunit;

namespace NemLogin.Cluster.Tests.DataCentres;

/// <summary>
/// Sessions and login flows live in the data centre that received the request; other grains go anywhere. The calls
/// enter the cluster through the *other* data centre's silos (as a gateway's calls may: it connects to every silo), so
/// only the data-centre label can bring the activations home.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DataCentrePlacementTests(ClusterUnderTest cluster)
{
    private const int Count = 24;

    [Theory]
    [InlineData("DC1")]
    [InlineData("DC2")]
    public async Task Sessions_LabelledWithADataCentre_AreActivatedThere(string dataCentre)
    {
        await using var client = await EnterThroughOtherDataCentreAsync(dataCentre);
        var grains = client.Grains;
        var sessions = Enumerable.Range(0, Count).Select(_ => grains.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N"))).ToArray();

        await Task.WhenAll(sessions.Select(s => s.StartAsync(
            new SessionAuthentication(Guid.NewGuid(), LevelOfAssurance.Substantial, DateTimeOffset.UtcNow, "https://mitid.cluster.test"), null)));

        Assert.Equal([dataCentre], await DataCentresOfAsync(grains, sessions));
    }

    [Theory]
    [InlineData("DC1")]
    [InlineData("DC2")]
    public async Task LoginFlows_LabelledWithADataCentre_AreActivatedThere(string dataCentre)
    {
        await using var client = await EnterThroughOtherDataCentreAsync(dataCentre);
        var grains = client.Grains;
        var flows = Enumerable.Range(0, Count).Select(_ => grains.GetGrain<ILoginFlowGrain>(Guid.NewGuid().ToString("N"))).ToArray();

        await Task.WhenAll(flows.Select(f => f.StartAsync(new PendingLogin
        {
            Protocol = "saml",
            ServiceProviderId = ClusterTestSp.EntityId,
            RequestId = "_" + Guid.NewGuid().ToString("N"),
            ResponseUrl = ClusterTestSp.AcsUrl,
            Upstream = "mitid",
            BrowserBinding = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        })));

        Assert.Equal([dataCentre], await DataCentresOfAsync(grains, flows));
    }

    [Fact]
    public async Task Identities_LabelledWithADataCentre_AreNotPinnedToIt()
    {
        await using var client = await EnterThroughOtherDataCentreAsync("DC1");
        var identities = Enumerable.Range(0, Count).Select(_ => client.Grains.GetGrain<IIdentityGrain>(Guid.NewGuid())).ToArray();

        await Task.WhenAll(identities.Select(i => i.UpdateFromUpstreamAsync(new PersonAttributes("Spread", "Test", new DateOnly(1990, 1, 1), null, null))));

        Assert.Contains("DC2", await DataCentresOfAsync(client.Grains, identities));
    }

    private Task<DataCentreClient> EnterThroughOtherDataCentreAsync(string label) =>
        cluster.ConnectClientAsync(label, cluster.GatewayPortsOf(label == "DC1" ? "DC2" : "DC1"));

    private async Task<string[]> DataCentresOfAsync(IGrainFactory grains, IEnumerable<IAddressable> activated)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var dataCentres = new HashSet<string>();
        foreach (var grain in activated)
        {
            var silo = await management.GetActivationAddress(grain);
            Assert.NotNull(silo);
            dataCentres.Add(cluster.DataCentreOfSiloPort(silo.Endpoint.Port) ?? $"unknown silo {silo}");
        }

        return [.. dataCentres.Order()];
    }
}
