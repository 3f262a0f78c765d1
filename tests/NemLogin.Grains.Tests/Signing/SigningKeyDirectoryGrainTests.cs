using NemLogin.Grains.Signing;

namespace NemLogin.Grains.Tests.Signing;

/// <summary>The directory of every site's public keys (an HSM per data centre): replace per site, write only on change, bounded.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SigningKeyDirectoryGrainTests(ClusterFixture fixture)
{
    // Each test uses its own site names: the directory is one grain shared by the collection.
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private ISigningKeyDirectoryGrain Directory => fixture.Grains.GetGrain<ISigningKeyDirectoryGrain>(0);

    [Fact]
    public async Task Publish_TwoSites_BothListedAndARepublishReplacesOnlyItsOwn()
    {
        var (dc1, dc2) = ("A" + Run, "B" + Run);
        await Directory.PublishAsync(dc1, [Key("k1", KeyPurpose.SamlSigning, current: true), Key("k1-token", KeyPurpose.TokenSigning, current: true)]);
        await Directory.PublishAsync(dc2, [Key("k2", KeyPurpose.SamlSigning, current: true)]);

        // DC1 rolls over: its next key became current, the old one previous.
        await Directory.PublishAsync(dc1, [Key("k3", KeyPurpose.SamlSigning, current: true), Key("k1", KeyPurpose.SamlSigning, current: false)]);
        var sites = (await Directory.GetAsync()).Where(s => s.Site.EndsWith(Run, StringComparison.Ordinal)).ToList();

        Assert.Equal([dc1, dc2], sites.Select(s => s.Site));
        Assert.Equal(["k3", "k1"], sites[0].Keys.Select(k => k.KeyId));
        Assert.Equal([true, false], sites[0].Keys.Select(k => k.IsCurrent));
        Assert.Equal(["k2"], sites[1].Keys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task Publish_SameKeysAgain_NothingChanges()
    {
        var site = "C" + Run;
        await Directory.PublishAsync(site, [Key("same", KeyPurpose.SamlSigning, current: true)]);
        var first = (await Directory.GetAsync()).Single(s => s.Site == site);

        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await Directory.PublishAsync(site, [Key("same", KeyPurpose.SamlSigning, current: true)]);

        Assert.Equal(first.ChangedAt, (await Directory.GetAsync()).Single(s => s.Site == site).ChangedAt);
    }

    [Fact]
    public async Task Publish_MoreKeysThanASiteHas_Refused()
    {
        var site = "D" + Run;
        var tooMany = Enumerable.Range(0, SigningKeyDirectoryGrain.MaxKeysPerSite + 1).Select(i => Key("k" + i, KeyPurpose.SamlSigning, current: i == 0)).ToArray();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Directory.PublishAsync(site, [.. tooMany]));

        Assert.DoesNotContain(await Directory.GetAsync(), s => s.Site == site);
    }

    private static SigningKeyInfo Key(string id, KeyPurpose purpose, bool current) => new(id, purpose, [0x30, 0x00], current, "Pkcs11");
}
