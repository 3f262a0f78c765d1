using NemLogin.Grains.Assurance;
using NemLogin.Grains.ServiceProviders;
using Xunit;

namespace NemLogin.Grains.Tests.ServiceProviders;

[Collection(ClusterCollection.Name)]
public sealed class ServiceProviderPolicyTests(ClusterFixture fixture)
{
    private static readonly ServiceProviderPolicy Strict = new()
    {
        AllowedAttributes = ["https://data.gov.dk/model/core/specVersion"],
        CprEntitled = false,
        MinimumLoa = LevelOfAssurance.High,
        NameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
        DataEncryptionAlgorithm = "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
        KeyTransportAlgorithm = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
        SignResponse = true,
        AllowSso = false,

        // The IT-system provider named by support staff: kept with the rest of the policy when the metadata changes.
        OwnerCvr = "98765433",
    };

    [Fact]
    public async Task Policy_Set_StoredWholeAndVersionBumped()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        var registered = await grain.RegisterAsync(Registrations.Valid(entityId));

        var stored = await grain.SetPolicyAsync(Strict);

        Assert.Equal(registered.Version + 1, stored.Version);
        AssertPolicy(Strict, ServiceProviderPolicy.Of(stored));
        var read = await grain.GetAsync();
        Assert.NotNull(read);
        AssertPolicy(Strict, ServiceProviderPolicy.Of(read));
        Assert.Equal(registered.RegisteredAt, read.RegisteredAt);
    }

    [Fact]
    public async Task Policy_MetadataReplaced_PolicyAndSourceKept()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));
        await grain.SetPolicyAsync(Strict);
        var source = new MetadataSource("https://sp.example.dk/metadata", null, TimeSpan.FromHours(6));
        await grain.SetMetadataSourceAsync(source);
        var newAcs = new SamlEndpoint(Registrations.PostBinding, entityId + "/new-acs", 0, true);

        // What the SP's own metadata says (its requested attributes, no CPR entitlement) must not undo the administrator's choices.
        var replaced = await grain.ReplaceMetadataAsync(Registrations.Valid(entityId) with
        {
            AssertionConsumerServices = [newAcs],
            AllowedAttributes = ["https://data.gov.dk/model/core/eid/cprNumber"],
            CprEntitled = true,
            MinimumLoa = LevelOfAssurance.Low,
        });

        AssertPolicy(Strict, ServiceProviderPolicy.Of(replaced));
        Assert.Equal(source, replaced.MetadataSource);
        Assert.Equal(newAcs, Assert.Single(replaced.AssertionConsumerServices));
    }

    [Fact]
    public async Task Policy_MetadataReplacedWhileDisabled_StaysDisabled()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));
        await grain.SetEnabledAsync(false);

        var replaced = await grain.ReplaceMetadataAsync(Registrations.Valid(entityId) with { Enabled = true });

        Assert.False(replaced.Enabled);
    }

    [Fact]
    public async Task Policy_ReplaceMetadataForNewSp_RegistersWithCallerPolicy()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);

        var stored = await grain.ReplaceMetadataAsync(Registrations.Valid(entityId) with { Enabled = false });

        Assert.Equal(1, stored.Version);
        Assert.True(stored.Enabled);
        Assert.Equal(LevelOfAssurance.High, stored.MinimumLoa);
    }

    [Fact]
    public async Task Policy_ReplaceMetadataOfAnotherEntity_RefusedAndUnchanged()
    {
        // Impersonation through the replace path: another SP's metadata must not land under this entityID.
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        var stored = await grain.RegisterAsync(Registrations.Valid(entityId));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.ReplaceMetadataAsync(Registrations.Valid(TestIds.EntityId())));

        Assert.Equal("sp.entity-id-mismatch", refused.Code);
        Assert.Equal(stored.Version, (await grain.GetAsync())!.Version);
    }

    [Fact]
    public async Task Policy_SetForUnknownSp_RefusedWithCode()
    {
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(TestIds.EntityId());

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.SetPolicyAsync(Strict));

        Assert.Equal("sp.unknown", refused.Code);
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task Policy_LevelNone_RefusedAndUnchanged()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.SetPolicyAsync(Strict with { MinimumLoa = LevelOfAssurance.None }));

        Assert.Equal("sp.policy-invalid", refused.Code);
        Assert.Equal(LevelOfAssurance.High, (await grain.GetAsync())!.MinimumLoa);
    }

    [Fact]
    public async Task Delete_Registered_GoneAndFalseSecondTime()
    {
        var entityId = TestIds.EntityId();
        var grain = fixture.Grains.GetGrain<IServiceProviderGrain>(entityId);
        await grain.RegisterAsync(Registrations.Valid(entityId));

        Assert.True(await grain.DeleteAsync());
        Assert.Null(await grain.GetAsync());
        Assert.False(await grain.DeleteAsync());

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Null(await grain.GetAsync());
    }

    // Record equality compares ImmutableArray by reference; a policy that crossed the wire has its own array.
    private static void AssertPolicy(ServiceProviderPolicy expected, ServiceProviderPolicy actual)
    {
        Assert.Equal(expected.AllowedAttributes, actual.AllowedAttributes);
        Assert.Equal(expected, actual with { AllowedAttributes = expected.AllowedAttributes });
    }
}
