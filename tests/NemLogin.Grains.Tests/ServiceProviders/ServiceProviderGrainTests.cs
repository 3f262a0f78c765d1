using NemLogin.Grains.Assurance;
using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Grains.Tests.ServiceProviders;

[Collection(ClusterCollection.Name)]
public sealed class ServiceProviderGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ServiceProvider_NeverRegistered_GetReturnsNull()
    {
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(TestIds.EntityId());

        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task ServiceProvider_ValidRegistration_StoredWithVersionTimestampAndCallerPolicy()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);

        var stored = await grain.RegisterAsync(Registrations.Valid(entityId) with { Version = 41, Enabled = false });

        Assert.Equal(1, stored.Version);
        Assert.Equal(fixture.Time.GetUtcNow(), stored.RegisteredAt);
        Assert.True(stored.Enabled);
        Assert.True(stored.CprEntitled);
        Assert.Equal(LevelOfAssurance.High, stored.MinimumLoa);
        var read = await grain.GetAsync();
        Assert.NotNull(read);
        Assert.Equal(stored.Version, read.Version);
        Assert.Equal(entityId + "/acs", Assert.Single(read.AssertionConsumerServices).Location);
    }

    [Fact]
    public async Task ServiceProvider_Reregistered_VersionIncrementsAndPolicyReplaced()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));
        fixture.Time.Advance(TimeSpan.FromMinutes(3));

        var second = await grain.RegisterAsync(Registrations.Valid(entityId) with { CprEntitled = false, MinimumLoa = LevelOfAssurance.Low });

        Assert.Equal(2, second.Version);
        Assert.Equal(fixture.Time.GetUtcNow(), second.RegisteredAt);
        Assert.False(second.CprEntitled);
        Assert.Equal(LevelOfAssurance.Low, second.MinimumLoa);
    }

    [Fact]
    public async Task ServiceProvider_EntityIdDiffersFromKey_RefusedWithCode()
    {
        // Impersonation: one SP's metadata stored under another SP's entityID would let its keys and ACS answer for it.
        var key = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(key);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.RegisterAsync(Registrations.Valid(TestIds.EntityId())));

        Assert.Equal("sp.entity-id-mismatch", refused.Code);
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task ServiceProvider_WithoutSigningCertificate_RefusedWithCode()
    {
        // Signature exclusion: an SP without a signing key could never have its requests' signatures checked.
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => grain.RegisterAsync(Registrations.Valid(entityId) with { SigningCertificates = [] }));

        Assert.Equal("sp.no-signing-certificate", refused.Code);
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task ServiceProvider_WithoutEncryptionCertificate_RefusedWithCode()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => grain.RegisterAsync(Registrations.Valid(entityId) with { EncryptionCertificates = default }));

        Assert.Equal("sp.no-encryption-certificate", refused.Code);
    }

    [Fact]
    public async Task ServiceProvider_WithoutPostAcs_RefusedWithCode()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        var stored = await grain.RegisterAsync(Registrations.Valid(entityId));
        var redirectOnly = Registrations.Valid(entityId) with
        {
            AssertionConsumerServices = [new SamlEndpoint(Registrations.RedirectBinding, "https://evil.example/acs", 0, true)],
        };

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.RegisterAsync(redirectOnly));

        Assert.Equal("sp.no-post-acs", refused.Code);
        var unchanged = await grain.GetAsync();
        Assert.NotNull(unchanged);
        Assert.Equal(stored.Version, unchanged.Version);
        Assert.Equal(Registrations.PostBinding, Assert.Single(unchanged.AssertionConsumerServices).Binding);
    }

    [Fact]
    public async Task ServiceProvider_Disabled_StaysDisabledWhenMetadataIsResent()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));
        await grain.SetEnabledAsync(false);

        var resent = await grain.RegisterAsync(Registrations.Valid(entityId) with { Enabled = true });

        Assert.False(resent.Enabled);
        Assert.Equal(3, resent.Version);
    }

    [Fact]
    public async Task ServiceProvider_SetEnabled_StoredAndVersionBumped()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));

        await grain.SetEnabledAsync(false);

        var read = await grain.GetAsync();
        Assert.NotNull(read);
        Assert.False(read.Enabled);
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public async Task ServiceProvider_SetEnabledWhenNeverRegistered_RefusedWithCode()
    {
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(TestIds.EntityId());

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.SetEnabledAsync(true));

        Assert.Equal("sp.unknown", refused.Code);
    }

    [Fact]
    public async Task ServiceProvider_Registration_SurvivesDeactivation()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));

        await fixture.Cluster.DeactivateAsync(grain);

        var read = await grain.GetAsync();
        Assert.NotNull(read);
        Assert.Equal(1, read.Version);
    }
}
