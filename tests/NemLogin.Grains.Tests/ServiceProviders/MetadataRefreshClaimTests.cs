using NemLogin.Grains.ServiceProviders;
using Xunit;

namespace NemLogin.Grains.Tests.ServiceProviders;

[Collection(ClusterCollection.Name)]
public sealed class MetadataRefreshClaimTests(ClusterFixture fixture)
{
    private static readonly MetadataSource Source = new("https://sp.example.dk/metadata", [0x30, 0x03], TimeSpan.FromHours(6));

    [Fact]
    public async Task Claim_NoSource_Null()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));

        Assert.Null(await grain.ClaimMetadataRefreshAsync());
    }

    [Fact]
    public async Task Claim_SourceJustSet_DueOnceThenAgainAfterInterval()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));
        await grain.SetMetadataSourceAsync(Source);

        // Several gateways ask at once: exactly one gets the fetch.
        var claims = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => grain.ClaimMetadataRefreshAsync()));
        Assert.Single(claims, c => c is not null);
        Assert.Equal(Source.Url, claims.Single(c => c is not null)!.Url);

        fixture.Time.Advance(Source.RefreshInterval - TimeSpan.FromSeconds(1));
        Assert.Null(await grain.ClaimMetadataRefreshAsync());

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await grain.ClaimMetadataRefreshAsync());
    }

    [Fact]
    public async Task Claim_AfterDeactivation_StillNotDue()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));
        await grain.SetMetadataSourceAsync(Source);
        Assert.NotNull(await grain.ClaimMetadataRefreshAsync());

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Null(await grain.ClaimMetadataRefreshAsync());
    }

    [Fact]
    public async Task Claim_SourceRemoved_Null()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));
        await grain.SetMetadataSourceAsync(Source);

        var stored = await grain.SetMetadataSourceAsync(null);

        Assert.Null(stored.MetadataSource);
        Assert.Null(await grain.ClaimMetadataRefreshAsync());
    }

    [Fact]
    public async Task Claim_NonPositiveInterval_RefusedWithCode()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.SetMetadataSourceAsync(Source with { RefreshInterval = TimeSpan.Zero }));

        Assert.Equal("sp.metadata-source-invalid", refused.Code);
        Assert.Null((await grain.GetAsync())!.MetadataSource);
    }
}
