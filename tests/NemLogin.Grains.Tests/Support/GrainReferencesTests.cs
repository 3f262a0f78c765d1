using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains.BusinessIdentities;
using Orleans.Runtime;

namespace NemLogin.Grains.Tests.Support;

/// <summary><see cref="GrainReferences"/> makes the reference Orleans' <c>GetGrain</c> makes, for each kind of key, first call and later ones alike.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public void Reference_StringKey_SameGrainAndInterfaceAsGetGrain()
    {
        var first = TestIds.EntityId();
        var second = TestIds.EntityId();

        AssertSame(fixture.Grains.GetGrain<IServiceProviderGrain>(first), fixture.Grains.Reference<IServiceProviderGrain>(first));
        AssertSame(fixture.Grains.GetGrain<IServiceProviderGrain>(second), fixture.Grains.Reference<IServiceProviderGrain>(second));
    }

    [Fact]
    public void Reference_GuidKey_SameGrainAndInterfaceAsGetGrain()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        AssertSame(fixture.Grains.GetGrain<IBusinessIdentityGrain>(first), fixture.Grains.Reference<IBusinessIdentityGrain>(first));
        AssertSame(fixture.Grains.GetGrain<IBusinessIdentityGrain>(second), fixture.Grains.Reference<IBusinessIdentityGrain>(second));
    }

    [Fact]
    public void Reference_IntegerKey_SameGrainAndInterfaceAsGetGrain()
    {
        AssertSame(fixture.Grains.GetGrain<IServiceProviderDirectoryGrain>(0), fixture.Grains.Reference<IServiceProviderDirectoryGrain>(0));
        AssertSame(fixture.Grains.GetGrain<IServiceProviderDirectoryGrain>(7), fixture.Grains.Reference<IServiceProviderDirectoryGrain>(7));
    }

    [Fact]
    public async Task Reference_Called_ReachesTheGrain()
    {
        var entityId = TestIds.EntityId();
        await fixture.Grains.GetGrain<IServiceProviderGrain>(entityId).RegisterAsync(Registrations.Valid(entityId));

        var registration = await fixture.Grains.Reference<IServiceProviderGrain>(entityId).GetAsync();

        Assert.Equal(entityId, registration?.EntityId);
    }

    private static void AssertSame<T>(T expected, T actual)
    {
        var made = Assert.IsAssignableFrom<GrainReference>(actual);
        var orleans = Assert.IsAssignableFrom<GrainReference>(expected);
        Assert.Equal(orleans.GrainId, made.GrainId);
        Assert.Equal(orleans.InterfaceType, made.InterfaceType);
        Assert.Equal(orleans.GetType(), made.GetType());
    }
}
