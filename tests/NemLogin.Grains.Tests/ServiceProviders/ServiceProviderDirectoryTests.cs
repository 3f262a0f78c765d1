using NemLogin.Grains.ServiceProviders;
using Xunit;

namespace NemLogin.Grains.Tests.ServiceProviders;

[Collection(ClusterCollection.Name)]
public sealed class ServiceProviderDirectoryTests(ClusterFixture fixture)
{
    private IServiceProviderDirectoryGrain Directory => fixture.Grains.GetGrain<IServiceProviderDirectoryGrain>(ServiceProviderDirectory.Key);

    [Fact]
    public async Task Directory_SpRegistered_Listed()
    {
        var entityId = TestIds.EntityId();

        await fixture.Grains.GetGrain<IServiceProviderGrain>(entityId).RegisterAsync(Registrations.Valid(entityId));

        Assert.Contains(entityId, await Directory.ListAsync());
        Assert.DoesNotContain(entityId, await Directory.ListRefreshingAsync());
    }

    [Fact]
    public async Task Directory_SpDeleted_NoLongerListed()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));
        await grain.SetMetadataSourceAsync(new MetadataSource("https://sp.example.dk/md", null, TimeSpan.FromHours(1)));

        await grain.DeleteAsync();

        Assert.DoesNotContain(entityId, await Directory.ListAsync());
        Assert.DoesNotContain(entityId, await Directory.ListRefreshingAsync());
    }

    [Fact]
    public async Task Directory_MetadataSourceSetAndRemoved_RefreshingListFollows()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));

        await grain.SetMetadataSourceAsync(new MetadataSource("https://sp.example.dk/md", null, TimeSpan.FromHours(1)));
        Assert.Contains(entityId, await Directory.ListRefreshingAsync());

        await grain.SetMetadataSourceAsync(null);
        Assert.DoesNotContain(entityId, await Directory.ListRefreshingAsync());
        Assert.Contains(entityId, await Directory.ListAsync());
    }

    [Fact]
    public async Task Directory_List_OrdinalOrderWithoutDuplicates()
    {
        var first = "https://aaa-" + Guid.NewGuid().ToString("N") + ".example.dk";
        var second = "https://AAA-" + Guid.NewGuid().ToString("N") + ".example.dk";
        foreach (var id in new[] { first, second, first })
        {
            await fixture.Grains.GetGrain<IServiceProviderGrain>(id).RegisterAsync(Registrations.Valid(id));
        }

        var listed = await Directory.ListAsync();

        Assert.Single(listed, id => id == first);
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task Directory_Deactivated_ListSurvives()
    {
        var entityId = TestIds.EntityId();
        await fixture.Grains.GetGrain<IServiceProviderGrain>(entityId).RegisterAsync(Registrations.Valid(entityId));

        await fixture.Cluster.DeactivateAsync(Directory);

        Assert.Contains(entityId, await Directory.ListAsync());
    }
}
