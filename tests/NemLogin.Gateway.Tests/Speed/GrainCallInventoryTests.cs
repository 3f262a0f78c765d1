using NemLogin.Gateway.Tests.Oidc;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Speed;

/// <summary>
/// The grain calls one login costs, counted at the silo (docs/benchmarks.md, "Grain calls per login"). Each is a message,
/// a turn of a grain and often a state write, so a change that adds one to the hot path must say so here. The first
/// login of a broker activates grains and reads registrations; each count is of a later login by a new browser (a new
/// broker session), with registrations kept a minute, as at a steady national load.
/// </summary>
public sealed class GrainCallInventoryTests : IAsyncLifetime
{
    private readonly GrainCallCounter _counter = new();
    private readonly OidcBroker _broker;

    public GrainCallInventoryTests() => _broker = new OidcBroker(
        new Dictionary<string, string?> { ["ServiceProviders:RegistrationCacheTime"] = "00:01:00" }, _counter.AddTo);

    public ValueTask InitializeAsync() => _broker.InitializeAsync();

    public ValueTask DisposeAsync() => _broker.DisposeAsync();

    [Fact]
    public async Task SamlLogin_NewSession_EightCalls()
    {
        await SamlLoginAsync();

        _counter.Start();
        await SamlLoginAsync();
        var calls = _counter.Stop();

        AssertCalls(new Dictionary<string, int>
        {
            ["IOneTimeIdGrain.TryUseAsync"] = 1,             // the AuthnRequest's ID, once (replay)
            ["ILoginFlowGrain.StartAsync"] = 1,
            ["ILoginFlowGrain.TakeAsync"] = 1,
            ["IUpstreamSubjectGrain.ResolveIdentityAsync"] = 1,
            ["ISessionGrain.StartAndAssertAsync"] = 1,
            ["IIdentityGrain.UpdateAndReleaseToAsync"] = 1,
            ["ISessionIndexGrain.RecordAsync"] = 1,           // for single logout
            ["ISignerGrain.SignWithKeyAsync"] = 1,            // the assertion
        }, calls);
    }

    [Fact]
    public async Task OidcLogin_NewSession_TwentyThreeCalls()
    {
        await OidcLoginAsync();

        _counter.Start();
        await OidcLoginAsync();
        var calls = _counter.Stop();

        // No client registration read (kept at the gateway), no token entry read twice in one request.
        AssertCalls(new Dictionary<string, int>
        {
            ["ILoginFlowGrain.StartAsync"] = 1,
            ["ILoginFlowGrain.TakeAsync"] = 1,
            ["IUpstreamSubjectGrain.ResolveIdentityAsync"] = 1,
            ["ISessionGrain.StartAsync"] = 1,
            ["IIdentityGrain.UpdateFromUpstreamAsync"] = 1,
            ["ISessionGrain.AssertAsync"] = 1,
            ["IIdentityGrain.ReleaseToAsync"] = 1,
            ["IOidcAuthorizationGrain.CreateAsync"] = 1,      // the ad-hoc authorization
            ["IOidcTokenGrain.CreateAsync"] = 3,              // code, access token, refresh token (an ID token has no entry)
            ["IOidcAuthorizationGrain.AttachTokenAsync"] = 3, // each token joins its chain and learns whether it is revoked
            ["IOidcTokenIndexGrain.ListAsync"] = 2,           // the code's reference id: free when issued, found when redeemed
            ["IOidcTokenGrain.ReplaceAsync"] = 2,             // the code's payload, then its redemption
            ["IOidcTokenIndexGrain.AddAsync"] = 1,            // the code's reference id
            ["IOidcTokenGrain.GetAsync"] = 1,                 // the code, found by its reference id
            ["IOidcAuthorizationGrain.GetAsync"] = 1,         // the code's authorization, checked at redemption
            ["ISignerGrain.SignWithKeyAsync"] = 2,            // access token and ID token
        }, calls);
    }

    private void AssertCalls(Dictionary<string, int> expected, IReadOnlyDictionary<string, int> actual)
    {
        var difference = expected.Keys.Union(actual.Keys)
            .Where(method => expected.GetValueOrDefault(method) != actual.GetValueOrDefault(method))
            .Select(method => $"{method}: expected {expected.GetValueOrDefault(method)}, made {actual.GetValueOrDefault(method)}")
            .ToList();
        Assert.True(difference.Count == 0,
            $"{actual.Values.Sum()} calls against {expected.Values.Sum()} expected.\n{string.Join("\n", difference)}\nIn order:\n{string.Join("\n", _counter.Sequence)}");
    }

    private async Task SamlLoginAsync()
    {
        using var browser = new TestBrowser();
        var ssoUrl = _broker.BaseUrl + "/saml/sso";
        var request = _broker.Sp.NewRequest(ssoUrl);
        _counter.Mark("AuthnRequest");
        var outcome = await SamlLoginWalk.RunAsync(browser, await _broker.Sp.RedirectUrlAsync(ssoUrl, request));
        Assert.True(outcome.SawLoginPage);
    }

    private async Task OidcLoginAsync()
    {
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();
        _counter.Mark("authorize and log in");
        var (query, sawLogin) = await _broker.AuthorizeAsync(browser, _broker.AuthorizeUrl(pkce));
        Assert.True(sawLogin);
        _counter.Mark("token");
        var (status, body) = await _broker.RedeemAsync(query["code"], pkce);
        Assert.True(status == 200, body.ToString());
    }
}
