using System.Diagnostics;
using System.Xml.Linq;
using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.DataCentres;

/// <summary>
/// One IdP across both data centres: an SP registered once logs in through the front balancer (HAProxy,
/// deploy/haproxy.cfg), whose unsticky rotation sends the steps of one login to both data centres; single sign-on and
/// logout hold whichever data centre serves the next request; a killed gateway leaves the rotation while the other serves.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FrontBalancerTests(ClusterUnderTest cluster)
{
    private const int Attempts = 6;

    [Fact]
    public async Task Metadata_ThroughEitherDataCentre_NamesOneIdpAtThePublicOrigin()
    {
        var door = await cluster.FrontDoorAsync();
        using var http = new HttpClient();
        var cancellationToken = TestContext.Current.CancellationToken;

        var dc1 = Describe(await http.GetStringAsync(door.Gateway("DC1").BaseUrl + "/saml/metadata", cancellationToken));
        var dc2 = Describe(await http.GetStringAsync(door.Gateway("DC2").BaseUrl + "/saml/metadata", cancellationToken));

        Assert.Equal(door.PublicUrl + "/saml/metadata", dc1.EntityId);
        Assert.NotEmpty(dc1.Endpoints);
        Assert.All(dc1.Endpoints, e => Assert.StartsWith(door.PublicUrl + "/", e.Split(' ')[^1], StringComparison.Ordinal));
        Assert.Equal(dc1.EntityId, dc2.EntityId);
        Assert.Equal(dc1.Endpoints, dc2.Endpoints);
        Assert.Equal(dc1.Certificates, dc2.Certificates);
    }

    [Fact]
    public async Task Login_ThroughTheBalancer_IsServedByBothDataCentresAndSingleSignOnHoldsInEach()
    {
        var door = await cluster.FrontDoorAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        var steps = new List<(string Path, string? ServedBy)>();
        using var browser = new LoginBrowser((url, response) => steps.Add((url.AbsolutePath, FrontDoor.ServedBy(response))));

        var (loginUrl, _) = await cluster.Sp.LoginUrlAsync(door.PublicUrl, cancellationToken);
        var login = await browser.LoginAsync(loginUrl, "alice", cancellationToken);
        var loginSteps = steps.ToList();

        // Each attempt is a fresh AuthnRequest through the balancer; repeat until one reached each data centre.
        var ssoServedBy = new HashSet<string>();
        for (var attempt = 0; attempt < Attempts && ssoServedBy.Count < 2; attempt++)
        {
            await NudgeAsync(door, attempt, cancellationToken);
            steps.Clear();
            var (ssoUrl, _) = await cluster.Sp.LoginUrlAsync(door.PublicUrl, cancellationToken);
            var sso = await browser.LoginAsync(ssoUrl, "alice", cancellationToken);
            Assert.True(sso.Success, sso.Detail);
            Assert.False(sso.AskedForLogin, $"the session was not found by {ServedByOf(steps, "/saml/sso")}");
            ssoServedBy.Add(ServedByOf(steps, "/saml/sso"));
        }

        Assert.True(login.Success && login.AskedForLogin, login.Detail);
        Assert.All(loginSteps, s => Assert.NotNull(s.ServedBy));
        Assert.Equal(["DC1", "DC2"], loginSteps.Select(s => s.ServedBy!).Distinct().Order());
        // The simulator's login form (GET) and its submission (POST) follow each other: round robin sends them to different
        // data centres, so the pending login one gateway stored was found by the other.
        var simulator = loginSteps.Where(s => s.Path == "/mitid-sim/authorize").Select(s => s.ServedBy).ToList();
        Assert.Equal(2, simulator.Count);
        Assert.NotEqual(simulator[0], simulator[1]);
        Assert.Equal(["DC1", "DC2"], ssoServedBy.Order());
    }

    [Fact]
    public async Task Logout_ThroughOneDataCentre_EndsTheSessionForTheOther()
    {
        var door = await cluster.FrontDoorAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        var steps = new List<(string Path, string? ServedBy)>();
        using var browser = new LoginBrowser((url, response) => steps.Add((url.AbsolutePath, FrontDoor.ServedBy(response))));

        // Repeat until the logout and the next request were served by different data centres.
        var crossed = false;
        for (var attempt = 0; attempt < Attempts && !crossed; attempt++)
        {
            var (loginUrl, _) = await cluster.Sp.LoginUrlAsync(door.PublicUrl, cancellationToken);
            var login = await browser.LoginAsync(loginUrl, "alice", cancellationToken);
            Assert.True(login.Success, login.Detail);
            var sessionId = browser.SessionId ?? throw new InvalidOperationException("no session cookie after the login");

            steps.Clear();
            await browser.PostFormAsync(new Uri(door.PublicUrl + "/logout"), new Dictionary<string, string>(), cancellationToken);
            var loggedOutBy = ServedByOf(steps, "/logout");

            // The old session id presented again, as a stolen or stale cookie would be: the session itself is over.
            browser.UseSession(sessionId);
            await NudgeAsync(door, attempt, cancellationToken);
            steps.Clear();
            var (nextUrl, _) = await cluster.Sp.LoginUrlAsync(door.PublicUrl, cancellationToken);
            var next = await browser.LoginAsync(nextUrl, "alice", cancellationToken);
            Assert.True(next.AskedForLogin, $"the session ended by {loggedOutBy} was still honoured by {ServedByOf(steps, "/saml/sso")}");
            crossed = ServedByOf(steps, "/saml/sso") != loggedOutBy;
        }

        Assert.True(crossed, $"in {Attempts} attempts no logout was followed by a request at the other data centre");
    }

    [Fact]
    public async Task GatewayKilled_BalancerServesThroughTheOtherDataCentre()
    {
        var door = await cluster.FrontDoorAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        var victim = door.Gateway("DC1");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var answers = new List<(int Status, string? ServedBy)>();
        try
        {
            await victim.KillAsync();
            var clock = Stopwatch.StartNew();
            // Until the checks take it out of the rotation, a request meant for the dead gateway is refused a connection and
            // redispatched: every answer comes from DC2.
            while (await door.ServerStatusAsync("DC1") != "DOWN" && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                using var response = await http.GetAsync(door.PublicUrl + "/saml/metadata", cancellationToken);
                answers.Add(((int)response.StatusCode, FrontDoor.ServedBy(response)));
            }

            var outOfRotation = clock.Elapsed;
            TestContext.Current.TestOutputHelper?.WriteLine($"DC1's gateway out of the rotation {outOfRotation.TotalMilliseconds:F0} ms after the kill; {answers.Count} requests meanwhile");

            using var browser = new LoginBrowser();
            var (loginUrl, _) = await cluster.Sp.LoginUrlAsync(door.PublicUrl, cancellationToken);
            var login = await browser.LoginAsync(loginUrl, "alice", cancellationToken);

            Assert.Equal("DOWN", await door.ServerStatusAsync("DC1"));
            Assert.NotEmpty(answers);
            Assert.All(answers, a => Assert.Equal((200, "DC2"), a));
            Assert.True(login.Success && login.AskedForLogin, login.Detail);
        }
        finally
        {
            // Back in the rotation for the other tests of the collection.
            await victim.StartAndWaitReadyAsync(TimeSpan.FromSeconds(90));
            await door.WaitForStatusAsync("DC1", "UP", TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>
    /// One request of its own through the balancer on odd attempts: round robin alternates per request, so when a step takes
    /// an even number of requests the next attempt's first request would always meet the same data centre without it.
    /// </summary>
    private static async Task NudgeAsync(FrontDoor door, int attempt, CancellationToken cancellationToken)
    {
        if (attempt % 2 == 1)
        {
            using var http = new HttpClient();
            using var response = await http.GetAsync(door.PublicUrl + "/health/ready", cancellationToken);
        }
    }

    private static string ServedByOf(List<(string Path, string? ServedBy)> steps, string path) =>
        steps.First(s => s.Path == path).ServedBy ?? throw new InvalidOperationException($"{path} was answered without the balancer's header");

    private sealed record IdpDescription(string? EntityId, List<string> Endpoints, List<string> Certificates);

    /// <summary>What makes an IdP to an SP: its entityID, endpoints (element, binding, location) and certificates.</summary>
    private static IdpDescription Describe(string metadata)
    {
        var root = XDocument.Parse(metadata).Root!;
        var endpoints = root.Descendants()
            .Where(e => e.Attribute("Location") is not null)
            .Select(e => $"{e.Name.LocalName} {e.Attribute("Binding")?.Value} {e.Attribute("Location")!.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var certificates = root.Descendants()
            .Where(e => e.Name.LocalName == "X509Certificate" && e.Ancestors().Any(a => a.Name.LocalName == "KeyDescriptor"))
            .Select(e => e.Value.Trim())
            .Order(StringComparer.Ordinal)
            .ToList();
        return new IdpDescription(root.Attribute("entityID")?.Value, endpoints, certificates);
    }
}
