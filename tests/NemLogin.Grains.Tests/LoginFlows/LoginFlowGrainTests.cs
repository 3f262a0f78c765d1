using NemLogin.Grains.Assurance;
using NemLogin.Grains.LoginFlows;

namespace NemLogin.Grains.Tests.LoginFlows;

[Collection(ClusterCollection.Name)]
public sealed class LoginFlowGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    /// <summary>The browser binding of <see cref="Pending"/> (also used by the embedded store's tests).</summary>
    internal static readonly string Binding = new('a', 64);

    [Fact]
    public async Task LoginFlow_Unknown_ReturnsNull()
    {
        var flow = NewFlow();

        Assert.Null(await flow.GetAsync());
        Assert.Equal(FlowTakeOutcome.Unknown, (await flow.TakeAsync(Binding)).Outcome);
    }

    [Fact]
    public async Task LoginFlow_Started_GetReadsWithoutConsuming()
    {
        var flow = NewFlow();
        var pending = Pending();
        await flow.StartAsync(pending);

        Assert.Equal(pending, await flow.GetAsync());
        Assert.Equal(pending, await flow.GetAsync());
        Assert.Equal(pending, (await flow.TakeAsync(Binding)).Pending);
    }

    [Fact]
    public async Task LoginFlow_TakenByAnotherBrowser_RefusedAndLeftForItsOwnBrowser()
    {
        // Login CSRF: a callback carried into another browser neither completes nor burns the victim's flow.
        var flow = NewFlow();
        var pending = Pending();
        await flow.StartAsync(pending);

        var other = await flow.TakeAsync(new string('0', 64));

        Assert.Equal(FlowTakeOutcome.OtherBrowser, other.Outcome);
        Assert.Null(other.Pending);
        var own = await flow.TakeAsync(Binding);
        Assert.Equal(FlowTakeOutcome.Taken, own.Outcome);
        Assert.Equal(pending, own.Pending);
    }

    [Fact]
    public async Task LoginFlow_StartTwice_RefusedWithCodeAndFirstKept()
    {
        // A second start under a live flow id would swap the request the returning user is sent back to.
        var flow = NewFlow();
        var first = Pending();
        await flow.StartAsync(first);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => flow.StartAsync(Pending() with { ResponseUrl = "https://evil.example/acs" }));

        Assert.Equal("flow.exists", refused.Code);
        Assert.Equal(first, await flow.GetAsync());
    }

    [Fact]
    public async Task LoginFlow_CompleteTwice_SecondIsNull()
    {
        // Replay of the upstream callback: the pending request is handed out once.
        var flow = NewFlow();
        var pending = Pending();
        await flow.StartAsync(pending);

        Assert.Equal(pending, (await flow.TakeAsync(Binding)).Pending);
        Assert.Equal(FlowTakeOutcome.Unknown, (await flow.TakeAsync(Binding)).Outcome);
        Assert.Null(await flow.GetAsync());
    }

    [Fact]
    public async Task LoginFlow_ConcurrentCompletes_OnlyOneGetsThePendingLogin()
    {
        var flow = NewFlow();
        await flow.StartAsync(Pending());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => flow.TakeAsync(Binding)));

        Assert.Single(results, result => result.Pending is not null);
    }

    [Fact]
    public async Task LoginFlow_Expired_ReturnsNull()
    {
        var flow = NewFlow();
        await flow.StartAsync(Pending());

        fixture.Time.Advance(Lifetime - TimeSpan.FromTicks(1));
        Assert.NotNull(await flow.GetAsync());

        fixture.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await flow.GetAsync());
        Assert.Equal(FlowTakeOutcome.Unknown, (await flow.TakeAsync(Binding)).Outcome);
    }

    [Fact]
    public async Task LoginFlow_Pending_SurvivesDeactivation()
    {
        // The user may be at the upstream IdP while the silo collects the idle activation.
        var flow = NewFlow();
        var pending = Pending();
        await flow.StartAsync(pending);

        await fixture.Cluster.DeactivateAsync(flow);

        Assert.Equal(pending, (await flow.TakeAsync(Binding)).Pending);
    }

    private ILoginFlowGrain NewFlow() => fixture.Grains.GetGrain<ILoginFlowGrain>(TestIds.New("flow"));

    internal static PendingLogin Pending() => new()
    {
        Protocol = "saml",
        ServiceProviderId = "https://sp-a.example",
        RequestId = "_" + Guid.NewGuid().ToString("N"),
        ResponseUrl = "https://sp-a.example/acs",
        RelayState = "relay",
        RequiredLoa = LevelOfAssurance.Substantial,
        Upstream = "mitid",
        UpstreamNonce = "nonce",
        UpstreamCodeVerifier = "verifier",
        BrowserBinding = Binding,
        StartedAt = DateTimeOffset.UnixEpoch,
    };
}
