using NemLogin.Cluster.Tests.Infrastructure;
using Xunit;

namespace NemLogin.Cluster.Tests.Oidc;

/// <summary>
/// Issue 10: an authorization code is redeemed at most once, and a rotated refresh token is never honoured again, even when
/// the gateways of both data centres are asked at the same instant. The embedded suites prove this within one process; here
/// the token entries live in PostgreSQL behind silos of two data centres, and each gateway is its own process.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossDataCentreRedemptionTests(ClusterUnderTest cluster)
{
    private const int Races = 10;

    private string Dc1 => cluster.Gateway("DC1").BaseUrl;

    private string Dc2 => cluster.Gateway("DC2").BaseUrl;

    // Attack class: authorization code replay as a race (RFC 6749 4.1.2 and 10.5; RFC 9700 4.5): an intercepted code sent to
    // the token endpoints of both data centres' gateways at the same instant. One redemption per code; the replay, once
    // detected, revokes the tokens the winner got (as the embedded "two concurrent redemptions of one code" test asserts).
    [Fact]
    public async Task Code_RedeemedAtBothDataCentresAtTheSameInstant_OneWinsAndTheReplayRevokesItsTokens()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var rp = new ClusterTestRp(Dc1);
        await rp.RegisterAsync(Dc1, cancellationToken);
        using var browser = new LoginBrowser();

        // Either gateway can win: a code DC1 issued redeems at DC2 (else the race below would be decided before it starts),
        // and the access token it gives is honoured at userinfo (so a refusal below is the revocation, nothing else).
        var alone = await rp.RedeemAsync(Dc2, await rp.AuthorizeAsync(browser, Dc1, "alice", cancellationToken), cancellationToken);
        Assert.True(alone.Status == 200, $"a code issued at DC1 did not redeem at DC2: {alone} {alone.Body}");
        Assert.Equal(200, await ClusterTestRp.UserInfoStatusAsync(Dc2, alone.AccessToken, cancellationToken));

        // One login at DC1 (above), then single sign-on for a code per race.
        var codes = new List<ClusterTestRp.Code>();
        for (var i = 0; i < Races; i++)
        {
            codes.Add(await rp.AuthorizeAsync(browser, Dc1, "alice", cancellationToken));
        }

        await ClusterTestRp.WarmUpAsync(Dc1, cancellationToken);
        await ClusterTestRp.WarmUpAsync(Dc2, cancellationToken);
        var races = new List<TokenResponse[]>();
        foreach (var code in codes)
        {
            races.Add(await RaceAsync([rp.RedeemRequest(Dc1, code), rp.RedeemRequest(Dc2, code)], cancellationToken));
        }

        var summary = string.Join("; ", races.Select(r => string.Join(" vs ", r.Select(x => x.ToString()))));
        TestContext.Current.TestOutputHelper?.WriteLine($"wins: DC1 {races.Count(r => r[0].Status == 200)}, DC2 {races.Count(r => r[1].Status == 200)} ({summary})");
        Assert.All(races, race =>
        {
            Assert.True(race.Count(r => r.Status == 200) == 1, $"not exactly one redemption: {summary}");
            Assert.True(race.Count(r => r.Status == 400 && r.Error == "invalid_grant") == 1, $"the other was not invalid_grant: {summary}");
        });

        for (var i = 0; i < Races; i++)
        {
            var winner = races[i].Single(r => r.Status == 200);
            var loser = races[i].Single(r => r.Status != 200);

            // The code once more, at the loser's gateway: the replay is seen (the code is redeemed) and its chain revoked. (A
            // loser that read the code after the winner's write has seen the replay already, and revoked the chain then.)
            var replay = await rp.RedeemAsync(loser.Gateway, codes[i], cancellationToken);
            var refresh = await rp.RefreshAsync(winner.Gateway, winner.RefreshToken, cancellationToken);
            var userInfo = await ClusterTestRp.UserInfoStatusAsync(winner.Gateway, winner.AccessToken, cancellationToken);

            Assert.Equal((400, "invalid_grant"), (replay.Status, replay.Error));
            Assert.Equal((400, "invalid_grant"), (refresh.Status, refresh.Error));
            Assert.Equal(401, userInfo);
        }
    }

    // Attack class: refresh token reuse after rotation (RFC 9700 4.14.2; RFC 6749 10.4), a stolen token replayed at the other
    // data centre's gateway: refused, and the chain revoked, so the rotated successor stops working too.
    [Theory]
    [InlineData("DC1", "DC2")]
    [InlineData("DC2", "DC1")]
    public async Task RefreshToken_RotatedInOneDataCentreReusedInTheOther_RefusedAndSuccessorRevoked(string rotateAt, string reuseAt)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var rotating = cluster.Gateway(rotateAt).BaseUrl;
        var rp = new ClusterTestRp(Dc1);
        await rp.RegisterAsync(Dc1, cancellationToken);
        using var browser = new LoginBrowser();
        var tokens = await rp.RedeemAsync(rotating, await rp.AuthorizeAsync(browser, Dc1, "alice", cancellationToken), cancellationToken);
        Assert.True(tokens.Status == 200, $"{tokens} {tokens.Body}");

        var rotated = await rp.RefreshAsync(rotating, tokens.RefreshToken, cancellationToken);
        Assert.True(rotated.Status == 200, $"{rotated} {rotated.Body}");
        Assert.NotEqual(tokens.RefreshToken, rotated.RefreshToken);
        var reused = await rp.RefreshAsync(cluster.Gateway(reuseAt).BaseUrl, tokens.RefreshToken, cancellationToken);
        var successor = await rp.RefreshAsync(rotating, rotated.RefreshToken, cancellationToken);

        Assert.Equal((400, "invalid_grant"), (reused.Status, reused.Error));
        Assert.Equal((400, "invalid_grant"), (successor.Status, successor.Error));
    }

    /// <summary>
    /// Sends the requests at the same instant: each waits, ready on a pool thread with its connection open, at one gate
    /// that opens once all are ready.
    /// </summary>
    private static async Task<TokenResponse[]> RaceAsync(IReadOnlyList<HttpRequestMessage> requests, CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = requests.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var racers = requests.Select((request, i) => Task.Run(async () =>
        {
            ready[i].SetResult();
            await gate.Task;
            return await ClusterTestRp.SendAsync(request, cancellationToken);
        })).ToArray();
        await Task.WhenAll(ready.Select(r => r.Task));
        gate.SetResult();
        return await Task.WhenAll(racers);
    }
}
