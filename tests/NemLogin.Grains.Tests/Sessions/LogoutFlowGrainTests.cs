using NemLogin.Grains.Sessions;

namespace NemLogin.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class LogoutFlowGrainTests(ClusterFixture fixture)
{
    private const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    private const string SpA = "https://sp-a.example";
    private const string SpB = "https://sp-b.example";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task LogoutFlow_Unknown_ReturnsNull()
    {
        var flow = NewFlow();

        Assert.Null(await flow.GetAsync());
        Assert.Null(await flow.CompleteAsync());
        Assert.False(await flow.RecordAnswerAsync(0, SpA, LogoutTargetStatus.LoggedOut));
    }

    [Fact]
    public async Task LogoutFlow_Started_EveryTargetPending()
    {
        var flow = NewFlow();
        var plan = Plan();

        await flow.StartAsync(plan);

        var snapshot = await flow.GetAsync();
        Assert.Equal(flow.GetPrimaryKeyString(), snapshot!.FlowId);
        Assert.Equal(plan.Initiator, snapshot.Plan.Initiator);
        Assert.Equal(2, snapshot.PendingCount);
        Assert.False(snapshot.AllLoggedOut);
        Assert.Equal(fixture.Time.GetUtcNow(), snapshot.StartedAt);
    }

    [Fact]
    public async Task LogoutFlow_StartTwice_RefusedWithCodeAndFirstKept()
    {
        var flow = NewFlow();
        await flow.StartAsync(Plan());

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => flow.StartAsync(Plan() with { BrowserBinding = "other" }));

        Assert.Equal("logout.exists", refused.Code);
        Assert.Equal("binding-hash", (await flow.GetAsync())!.Plan.BrowserBinding);
    }

    [Fact]
    public async Task LogoutFlow_EveryTargetAnswersSuccess_AllLoggedOut()
    {
        var flow = NewFlow();
        await flow.StartAsync(Plan());

        Assert.True(await flow.RecordAnswerAsync(0, SpA, LogoutTargetStatus.LoggedOut));
        Assert.True(await flow.RecordAnswerAsync(1, SpB, LogoutTargetStatus.LoggedOut));

        var done = await flow.CompleteAsync();
        Assert.True(done!.AllLoggedOut);
        Assert.Equal(0, done.PendingCount);
    }

    [Fact]
    public async Task LogoutFlow_TargetNeverAnswers_CompletesNotAllLoggedOut()
    {
        var flow = NewFlow();
        await flow.StartAsync(Plan());
        await flow.RecordAnswerAsync(0, SpA, LogoutTargetStatus.LoggedOut);

        var done = await flow.CompleteAsync();

        Assert.False(done!.AllLoggedOut);
        Assert.Equal([LogoutTargetStatus.LoggedOut, LogoutTargetStatus.Pending], done.Targets.Select(t => t.Status));
    }

    [Fact]
    public async Task LogoutFlow_AnswerFromAnotherServiceProvider_RefusedAndNothingChanges()
    {
        // SP B's signed response naming SP A's request must not settle SP A's logout.
        var flow = NewFlow();
        await flow.StartAsync(Plan());

        Assert.False(await flow.RecordAnswerAsync(0, SpB, LogoutTargetStatus.LoggedOut));

        Assert.Equal(2, (await flow.GetAsync())!.PendingCount);
    }

    [Fact]
    public async Task LogoutFlow_SecondAnswer_RefusedAndFirstKept()
    {
        var flow = NewFlow();
        await flow.StartAsync(Plan());
        await flow.RecordAnswerAsync(0, SpA, LogoutTargetStatus.Failed);

        Assert.False(await flow.RecordAnswerAsync(0, SpA, LogoutTargetStatus.LoggedOut));

        Assert.Equal(LogoutTargetStatus.Failed, (await flow.GetAsync())!.Targets[0].Status);
    }

    [Fact]
    public async Task LogoutFlow_IndexOutOfRange_Refused()
    {
        var flow = NewFlow();
        await flow.StartAsync(Plan());

        Assert.False(await flow.RecordAnswerAsync(2, SpA, LogoutTargetStatus.LoggedOut));
        Assert.False(await flow.RecordAnswerAsync(-1, SpA, LogoutTargetStatus.LoggedOut));
    }

    [Fact]
    public async Task LogoutFlow_CompletedTwice_SecondFindsNothing()
    {
        // A reloaded finish must not answer the initiator a second time.
        var flow = NewFlow();
        await flow.StartAsync(Plan());

        Assert.NotNull(await flow.CompleteAsync());

        Assert.Null(await flow.CompleteAsync());
        Assert.Null(await flow.GetAsync());
    }

    [Fact]
    public async Task LogoutFlow_AnswerAfterCompletion_Refused()
    {
        var flow = NewFlow();
        await flow.StartAsync(Plan());
        await flow.CompleteAsync();

        Assert.False(await flow.RecordAnswerAsync(0, SpA, LogoutTargetStatus.LoggedOut));
    }

    [Fact]
    public async Task LogoutFlow_AfterLifetime_Expired()
    {
        var flow = NewFlow();
        await flow.StartAsync(Plan());

        fixture.Time.Advance(Lifetime - TimeSpan.FromTicks(1));
        Assert.NotNull(await flow.GetAsync());

        fixture.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await flow.GetAsync());
        Assert.False(await flow.RecordAnswerAsync(0, SpA, LogoutTargetStatus.LoggedOut));
    }

    [Fact]
    public async Task LogoutFlow_State_SurvivesDeactivation()
    {
        var flow = NewFlow();
        await flow.StartAsync(Plan());
        await flow.RecordAnswerAsync(1, SpB, LogoutTargetStatus.LoggedOut);

        await fixture.Cluster.DeactivateAsync(flow);

        Assert.Equal(LogoutTargetStatus.LoggedOut, (await flow.GetAsync())!.Targets[1].Status);
    }

    private ILogoutFlowGrain NewFlow() => fixture.Grains.GetGrain<ILogoutFlowGrain>(TestIds.New("logout"));

    private static LogoutPlan Plan() => new()
    {
        BrowserBinding = "binding-hash",
        IdentityId = Guid.NewGuid(),
        Initiator = new LogoutInitiator("https://sp-initiator.example", "_request-1", "relay", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", "https://sp-initiator.example/slo"),
        Targets =
        [
            new LogoutTarget(SpA, "name-a", Persistent, "_index-a"),
            new LogoutTarget(SpB, "name-b", Persistent, "_index-b"),
        ],
    };
}
