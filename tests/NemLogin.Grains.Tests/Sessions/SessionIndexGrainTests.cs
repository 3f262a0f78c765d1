using NemLogin.Grains.Sessions;

namespace NemLogin.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SessionIndexGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SessionIndex_Unknown_FindsNothing()
    {
        Assert.Null(await NewIndex().FindSessionAsync());
    }

    [Fact]
    public async Task SessionIndex_Recorded_FindsSessionUntilKeepUntil()
    {
        var index = NewIndex();
        await index.RecordAsync("session-1", fixture.Time.GetUtcNow() + TimeSpan.FromHours(1));

        fixture.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.Equal("session-1", await index.FindSessionAsync());

        fixture.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await index.FindSessionAsync());
    }

    [Fact]
    public async Task SessionIndex_RecordedForAnotherSession_RefusedWithCodeAndFirstKept()
    {
        // A SessionIndex must never be moved to another session: a LogoutRequest for it would end the wrong person's session.
        var index = NewIndex();
        await index.RecordAsync("session-1", fixture.Time.GetUtcNow() + TimeSpan.FromHours(1));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => index.RecordAsync("session-2", fixture.Time.GetUtcNow() + TimeSpan.FromHours(1)));

        Assert.Equal("session-index.taken", refused.Code);
        Assert.Equal("session-1", await index.FindSessionAsync());
    }

    [Fact]
    public async Task SessionIndex_State_SurvivesDeactivation()
    {
        var index = NewIndex();
        await index.RecordAsync("session-1", fixture.Time.GetUtcNow() + TimeSpan.FromHours(1));

        await fixture.Cluster.DeactivateAsync(index);

        Assert.Equal("session-1", await index.FindSessionAsync());
    }

    private ISessionIndexGrain NewIndex() =>
        fixture.Grains.GetGrain<ISessionIndexGrain>(SessionIndexKey.For(TestIds.EntityId(), TestIds.New("_index")));
}
