using NemLogin.Grains.Replay;

namespace NemLogin.Grains.Tests.Replay;

[Collection(ClusterCollection.Name)]
public sealed class OneTimeIdGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task OneTimeId_FirstUse_Accepted()
    {
        Assert.True(await NewId().TryUseAsync(fixture.Time.GetUtcNow() + Window));
    }

    [Fact]
    public async Task OneTimeId_SecondUse_Refused()
    {
        // Replay: a request or assertion ID seen before is refused.
        var id = NewId();
        var keepUntil = fixture.Time.GetUtcNow() + Window;
        await id.TryUseAsync(keepUntil);

        Assert.False(await id.TryUseAsync(keepUntil));
    }

    [Fact]
    public async Task OneTimeId_SecondUseAfterDeactivation_Refused()
    {
        // The use is persisted before the first answer, so losing the activation (a silo restart) cannot reopen it.
        var id = NewId();
        var keepUntil = fixture.Time.GetUtcNow() + Window;
        await id.TryUseAsync(keepUntil);

        await fixture.Cluster.DeactivateAsync(id);

        Assert.False(await id.TryUseAsync(keepUntil));
    }

    [Fact]
    public async Task OneTimeId_ConcurrentUses_ExactlyOneAccepted()
    {
        var id = NewId();
        var keepUntil = fixture.Time.GetUtcNow() + Window;

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => id.TryUseAsync(keepUntil)));

        Assert.Single(answers, accepted => accepted);
    }

    [Fact]
    public async Task OneTimeId_AfterKeepUntil_AcceptedAgain()
    {
        var id = NewId();
        await id.TryUseAsync(fixture.Time.GetUtcNow() + Window);

        fixture.Time.Advance(Window - TimeSpan.FromTicks(1));
        Assert.False(await id.TryUseAsync(fixture.Time.GetUtcNow() + Window));

        fixture.Time.Advance(TimeSpan.FromTicks(1));
        Assert.True(await id.TryUseAsync(fixture.Time.GetUtcNow() + Window));
    }

    private IOneTimeIdGrain NewId() =>
        fixture.Grains.GetGrain<IOneTimeIdGrain>(OneTimeIdKey.For("authn-request", "https://sp-a.example", TestIds.New("_id")));
}
