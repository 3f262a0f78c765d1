using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Tests.Mandates;

/// <summary>
/// The "holds no mandates" flag the logins read instead of asking the mandate index: set for new persons and
/// organisations, cleared by the index before its first entry is written, set again after its last entry leaves. A login
/// may skip the index only while the flag says none, so the flag must never say none while the index lists a mandate.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MandateHolderFlagTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Person_GrantedThenRevoked_FlagFollowsTheIndex()
    {
        var data = await MandateData.CreateAsync(fixture.Grains, fixture.Time.GetUtcNow());
        var grantee = fixture.Grains.GetGrain<IIdentityGrain>(data.Grantee);

        var before = await grantee.ReleaseToAsync("https://sp.example", cprEntitled: false);
        var mandate = await data.GrantAsync(data.Details());
        var holding = await grantee.ReleaseToAsync("https://sp.example", cprEntitled: false);
        await data.Mandate(mandate.Id).RevokeAsync(TestIds.New("revoke"));
        var after = await grantee.ReleaseToAsync("https://sp.example", cprEntitled: false);

        Assert.True(before.HoldsNoMandates);
        Assert.False(holding.HoldsNoMandates);
        Assert.True(after.HoldsNoMandates);
    }

    // Rule: the flag is set only when the index is empty: with two mandates, revoking one leaves it "holds".
    [Fact]
    public async Task Person_TwoMandatesOneRevoked_StillHolds()
    {
        var data = await MandateData.CreateAsync(fixture.Grains, fixture.Time.GetUtcNow());
        var first = await data.GrantAsync(data.Details());
        var other = await MandateData.RegisterSystemAsync(fixture.Grains);
        await data.GrantAsync(data.Details(system: other));

        await data.Mandate(first.Id).RevokeAsync(TestIds.New("revoke"));

        Assert.False((await fixture.Grains.GetGrain<IIdentityGrain>(data.Grantee).ReleaseToAsync("https://sp.example", false)).HoldsNoMandates);
        Assert.Single(await data.Index.ListAsync());
    }

    [Fact]
    public async Task Organisation_GrantedThenRevoked_FlagFollowsTheIndex()
    {
        var data = await MandateData.CreateAsync(fixture.Grains, fixture.Time.GetUtcNow());
        var grantor = await MandateData.OrganisationAsync(fixture.Grains);
        var grantee = await MandateData.OrganisationAsync(fixture.Grains);
        var organisation = fixture.Grains.GetGrain<IOrganisationGrain>(grantee);
        var details = data.Details(grantee: MandateParty.Organisation(grantee)) with { Grantor = MandateParty.Organisation(grantor) };

        var before = await organisation.GetAsync();
        var mandate = await fixture.Grains.GetGrain<IMandateGrantorGrain>(grantor).GrantAsync(TestIds.New("grant"), details);
        var holding = await organisation.GetAsync();
        await data.Mandate(mandate.Id).RevokeAsync(TestIds.New("revoke"));
        var after = await organisation.GetAsync();

        Assert.True(before!.HoldsNoMandates);
        Assert.False(holding!.HoldsNoMandates);
        Assert.True(after!.HoldsNoMandates);
    }

    // Rule: an index cannot mark a person who does not exist (the index is told only about known parties), and it stays unchanged.
    [Fact]
    public async Task Index_UnknownPerson_RefusedAndNothingListed()
    {
        var stranger = MandateParty.Person(Guid.NewGuid());
        var index = fixture.Grains.GetGrain<IMandateIndexGrain>(stranger.Id);
        var entry = new MandateEntry(Guid.NewGuid(), MandateParty.Person(Guid.NewGuid()), [ItSystem.Saml("https://sp.example")],
            fixture.Time.GetUtcNow(), null, MandateStatus.Active);

        var refusal = await Assert.ThrowsAsync<GrainRuleException>(() => index.PutAsync(entry));

        Assert.Equal("identity.unknown", refusal.Code);
        Assert.Empty(await index.ListAsync());
    }
}
