using NemLogin.Grains.Identities;

namespace NemLogin.Grains.Tests.Identities;

/// <summary>The CPR index kept by the identity grain: a person is found by CPR number once logged in, never keyed by the number.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CprIndexTests(ClusterFixture fixture)
{
    private static string NewCpr() => "01019" + Random.Shared.Next(10_000, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<System.Collections.Immutable.ImmutableArray<Guid>> FindAsync(string cpr)
    {
        var (bucket, entry) = CprIndexKey.For(cpr);
        return fixture.Grains.GetGrain<ICprIndexGrain>(bucket).FindAsync(entry);
    }

    [Fact]
    public async Task Index_IdentityWithCpr_Found()
    {
        var id = Guid.NewGuid();
        var cpr = NewCpr();

        await fixture.Grains.GetGrain<IIdentityGrain>(id).UpdateFromUpstreamAsync(new PersonAttributes("A", "B", new DateOnly(1990, 1, 1), cpr, null));

        Assert.Contains(id, await FindAsync(cpr));
    }

    // Rule: the index follows a changed number (the old entry no longer names the identity).
    [Fact]
    public async Task Index_CprChanged_MovesEntry()
    {
        var id = Guid.NewGuid();
        var (first, second) = (NewCpr(), NewCpr());
        var identity = fixture.Grains.GetGrain<IIdentityGrain>(id);
        await identity.UpdateFromUpstreamAsync(new PersonAttributes("A", "B", new DateOnly(1990, 1, 1), first, null));

        await identity.UpdateFromUpstreamAsync(new PersonAttributes("A", "B", new DateOnly(1990, 1, 1), second, null));

        Assert.DoesNotContain(id, await FindAsync(first));
        Assert.Contains(id, await FindAsync(second));
    }

    // Rule: the CPR number is never a grain key: buckets are keyed by 16 bits of a hash, entries by the hash.
    [Fact]
    public void Key_HoldsNoDigitsOfTheNumber()
    {
        var (bucket, entry) = CprIndexKey.For("0101901234");

        Assert.InRange(bucket, 0, CprIndexKey.Buckets - 1);
        Assert.DoesNotContain("0101901234", entry, StringComparison.Ordinal);
        Assert.Equal(64, entry.Length);
        Assert.NotEqual(entry, CprIndexKey.For("0101901235").Entry);
    }
}
