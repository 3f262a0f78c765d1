using NemLogin.Grains.Identities;

namespace NemLogin.Grains.Tests.Identities;

[Collection(ClusterCollection.Name)]
public sealed class UpstreamSubjectGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task UpstreamSubject_FirstResolve_CreatesRandomIdentityId()
    {
        var subject = NewSubject();

        Assert.NotEqual(Guid.Empty, await subject.ResolveIdentityAsync());
    }

    [Fact]
    public async Task UpstreamSubject_LaterResolve_ReturnsSameIdentityAfterDeactivation()
    {
        var subject = NewSubject();
        var first = await subject.ResolveIdentityAsync();

        await fixture.Cluster.DeactivateAsync(subject);

        Assert.Equal(first, await subject.ResolveIdentityAsync());
    }

    [Fact]
    public async Task UpstreamSubject_DifferentSubjects_GetDifferentIdentities()
    {
        var first = await NewSubject().ResolveIdentityAsync();
        var second = await NewSubject().ResolveIdentityAsync();

        Assert.NotEqual(first, second);
    }

    private IUpstreamSubjectGrain NewSubject() =>
        fixture.Grains.GetGrain<IUpstreamSubjectGrain>(UpstreamSubjectKey.For("mitid", TestIds.New("subject")));
}
