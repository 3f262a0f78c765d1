using NemLogin.Grains.Identities;

namespace NemLogin.Grains.Tests.Identities;

[Collection(ClusterCollection.Name)]
public sealed class IdentityGrainTests(ClusterFixture fixture)
{
    // A synthetic CPR number (day 01, month 01, year 00 with a test sequence); not a real person's.
    private static readonly PersonAttributes Person = new("Test", "Person", new DateOnly(1990, 1, 1), "0101900000", "test@example.dk");

    [Fact]
    public async Task Identity_Unknown_GetReturnsNull()
    {
        Assert.Null(await NewIdentity().GetAsync());
    }

    [Fact]
    public async Task Identity_FirstUpdate_CreatesWithCreatedAt()
    {
        var identity = NewIdentity();

        var profile = await identity.UpdateFromUpstreamAsync(Person);

        Assert.Equal(identity.GetPrimaryKey(), profile.Id);
        Assert.Equal(IdentityKind.Person, profile.Kind);
        Assert.Equal(Person, profile.Attributes);
        Assert.Equal(fixture.Time.GetUtcNow(), profile.CreatedAt);
        Assert.Equal(profile.CreatedAt, profile.UpdatedAt);
        Assert.Equal(profile, await identity.GetAsync());
    }

    [Fact]
    public async Task Identity_LaterUpdate_KeepsCreatedAtAndStampsUpdatedAt()
    {
        var identity = NewIdentity();
        var created = await identity.UpdateFromUpstreamAsync(Person);
        fixture.Time.Advance(TimeSpan.FromDays(3));

        var updated = await identity.UpdateFromUpstreamAsync(Person with { Email = "new@example.dk" });

        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(fixture.Time.GetUtcNow(), updated.UpdatedAt);
        Assert.Equal("new@example.dk", (await identity.GetAsync())?.Attributes.Email);
    }

    [Fact]
    public async Task Identity_SameAttributesAgain_UpdatedAtUnchanged()
    {
        var identity = NewIdentity();
        var created = await identity.UpdateFromUpstreamAsync(Person);
        fixture.Time.Advance(TimeSpan.FromDays(3));

        var again = await identity.UpdateFromUpstreamAsync(Person);

        Assert.Equal(created.UpdatedAt, again.UpdatedAt);
        Assert.Equal(created.UpdatedAt, (await identity.GetAsync())?.UpdatedAt);
    }

    [Fact]
    public async Task Identity_PseudonymPerServiceProvider_StableAndDistinct()
    {
        // Cross-SP linking: two SPs must not be able to join their users on the NameID (OIOSAML 3 persistent pseudonym).
        var identity = NewIdentity();
        await identity.UpdateFromUpstreamAsync(Person);

        var a = await identity.ReleaseToAsync("https://sp-a.example", cprEntitled: false);
        var b = await identity.ReleaseToAsync("https://sp-b.example", cprEntitled: false);
        await fixture.Cluster.DeactivateAsync(identity);
        var aAgain = await identity.ReleaseToAsync("https://sp-a.example", cprEntitled: false);

        Assert.NotEqual(Guid.Empty, a.Pseudonym);
        Assert.NotEqual(a.Pseudonym, b.Pseudonym);
        Assert.Equal(a.Pseudonym, aAgain.Pseudonym);
        Assert.NotEqual(identity.GetPrimaryKey(), a.Pseudonym);
    }

    [Fact]
    public async Task Identity_SameServiceProviderOnAnotherIdentity_GetsAnotherPseudonym()
    {
        var first = NewIdentity();
        var second = NewIdentity();
        await first.UpdateFromUpstreamAsync(Person);
        await second.UpdateFromUpstreamAsync(Person);

        var one = await first.ReleaseToAsync("https://sp-a.example", cprEntitled: false);
        var two = await second.ReleaseToAsync("https://sp-a.example", cprEntitled: false);

        Assert.NotEqual(one.Pseudonym, two.Pseudonym);
        Assert.NotEqual(one.CprUuid, two.CprUuid);
    }

    [Fact]
    public async Task Identity_CprReleasedOnlyWhenEntitled()
    {
        // Data minimisation: the CPR number goes only to SPs the administrator entitled to it.
        var identity = NewIdentity();
        await identity.UpdateFromUpstreamAsync(Person);

        var withoutCpr = await identity.ReleaseToAsync("https://sp-a.example", cprEntitled: false);
        var withCpr = await identity.ReleaseToAsync("https://sp-b.example", cprEntitled: true);

        Assert.Null(withoutCpr.CprNumber);
        Assert.Equal(Person.CprNumber, withCpr.CprNumber);
        Assert.Equal("Test", withoutCpr.GivenName);
        Assert.Equal("Person", withoutCpr.FamilyName);
        Assert.Equal(Person.DateOfBirth, withoutCpr.DateOfBirth);
        Assert.Equal(Person.Email, withoutCpr.Email);
    }

    [Fact]
    public async Task Identity_CprUuid_StableAcrossUpdatesAndReleases()
    {
        var identity = NewIdentity();
        await identity.UpdateFromUpstreamAsync(Person);
        var first = await identity.ReleaseToAsync("https://sp-a.example", cprEntitled: false);

        await identity.UpdateFromUpstreamAsync(Person with { FamilyName = "Renamed" });
        await fixture.Cluster.DeactivateAsync(identity);
        var later = await identity.ReleaseToAsync("https://sp-b.example", cprEntitled: false);

        Assert.NotEqual(Guid.Empty, first.CprUuid);
        Assert.Equal(first.CprUuid, later.CprUuid);
        Assert.Equal("Renamed", later.FamilyName);
    }

    [Fact]
    public async Task Identity_ReleaseWhenUnknown_RefusedWithCode()
    {
        var refused = await Assert.ThrowsAsync<GrainRuleException>(
            () => NewIdentity().ReleaseToAsync("https://sp-a.example", cprEntitled: true));

        Assert.Equal("identity.unknown", refused.Code);
    }

    private IIdentityGrain NewIdentity() => fixture.Grains.GetGrain<IIdentityGrain>(Guid.NewGuid());
}
