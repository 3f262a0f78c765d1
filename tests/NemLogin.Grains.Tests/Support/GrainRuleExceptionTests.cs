using Microsoft.Extensions.DependencyInjection;
using NemLogin.Grains.ServiceProviders;
using Orleans.Serialization;

namespace NemLogin.Grains.Tests.Support;

[Collection(ClusterCollection.Name)]
public sealed class GrainRuleExceptionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GrainRuleException_ThrownInSilo_ArrivesAtClientWithCodeAndMessage()
    {
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(TestIds.EntityId());

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.SetEnabledAsync(true));

        Assert.Equal("sp.unknown", refused.Code);
        Assert.Equal("The service provider is not registered.", refused.Message);
    }

    [Fact]
    public void GrainRuleException_SerializerRoundTrip_KeepsCodeAndMessage()
    {
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<GrainRuleException>(
            serializer.SerializeToArray(new GrainRuleException("test.code", "A test rule was broken.")));

        Assert.NotNull(copy);
        Assert.Equal("test.code", copy.Code);
        Assert.Equal("A test rule was broken.", copy.Message);
    }
}
