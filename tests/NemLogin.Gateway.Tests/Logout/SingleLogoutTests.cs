using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>SP-initiated single logout across participants: propagation, bounded waiting, and the answer to the initiator.</summary>
public sealed class SingleLogoutTests(SloBroker broker) : IClassFixture<SloBroker>
{
    [Fact]
    public async Task SpInitiatedLogout_ThreeParticipantsOneNeverAnswers_PartialLogoutToInitiatorAndSessionEnded()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        var b = await broker.B.LogInAsync(browser, broker);
        var c = await broker.C.LogInAsync(browser, broker);
        var request = broker.A.NewLogoutRequest(broker, a);

        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, request, "relay-1"));
        Assert.Equal(HttpStatusCode.OK, progress.Status);
        Assert.Equal(2, progress.FrameSources.Count);

        // B registered HTTP-POST first: its frame posts the signed LogoutRequest there, and B answers with HTTP-POST.
        var toB = await channel.GetAsync(broker.BaseUrl + progress.FrameSources[0]);
        var atB = broker.B.ReceiveRequest(toB, broker);
        Assert.Equal(b.NameId, atB.Request.NameId);
        Assert.Equal([b.SessionIndex], atB.Request.SessionIndexes);
        var answered = await channel.PostFormAsync(broker.SloUrl, await broker.B.AnswerPostFormAsync(broker.B.Answer(broker, atB)));
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Null(answered.ErrorCode);

        // C registered HTTP-Redirect: its frame is sent there with the request, and C never answers.
        var atC = broker.C.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + progress.FrameSources[1]), broker);
        Assert.Equal(c.SessionIndex, Assert.Single(atC.Request.SessionIndexes));
        Assert.Equal(1, await SloBroker.PendingAsync(channel, progress));

        var finish = await channel.GetAsync(progress.Url + "/finish");

        var response = broker.A.ReceiveResponse(finish, broker, request.Id);
        Assert.Equal(SamlConstants.StatusCodes.Success, response.Response.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.PartialLogout, response.Response.SubStatusCode);
        Assert.Equal("relay-1", response.RelayState);
        Assert.False(await broker.IsLoggedInAsync(browser, broker.A));
    }

    [Fact]
    public async Task SpInitiatedPostLogout_EveryParticipantAnswers_SuccessWithoutPartialLogout()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        var b = await broker.B.LogInAsync(browser, broker);
        var request = broker.B.NewLogoutRequest(broker, b);

        var progress = await channel.PostAndFollowAsync(broker.SloUrl, await broker.B.PostFormAsync(request, "relay-2"));
        var atA = broker.A.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + Assert.Single(progress.FrameSources)), broker);
        Assert.Equal(a.NameId, atA.Request.NameId);
        var answered = await channel.FollowAsync(await broker.A.AnswerRedirectUrlAsync(broker, broker.A.Answer(broker, atA)));
        Assert.Null(answered.ErrorCode);
        Assert.Equal(0, await SloBroker.PendingAsync(channel, progress));

        var response = broker.B.ReceiveResponse(await channel.GetAsync(progress.Url + "/finish"), broker, request.Id);

        Assert.True(response.Response.IsCompleteLogout);
        Assert.Equal("relay-2", response.RelayState);
        Assert.False(await broker.IsLoggedInAsync(browser, broker.A));
    }

    [Fact]
    public async Task SpInitiatedLogout_ParticipantAnswersFailure_PartialLogout()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.B.LogInAsync(browser, broker);
        var request = broker.A.NewLogoutRequest(broker, a);
        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, request));
        var atB = broker.B.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + Assert.Single(progress.FrameSources)), broker);
        await channel.PostFormAsync(broker.SloUrl, await broker.B.AnswerPostFormAsync(broker.B.Answer(broker, atB, SamlConstants.StatusCodes.Responder)));

        var response = broker.A.ReceiveResponse(await channel.GetAsync(progress.Url + "/finish"), broker, request.Id);

        Assert.Equal(SamlConstants.StatusCodes.PartialLogout, response.Response.SubStatusCode);
    }

    [Fact]
    public async Task SpInitiatedLogout_ParticipantWithoutSloEndpoint_CountsAsFailedAtOnce()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.D.LogInAsync(browser, broker);
        var request = broker.A.NewLogoutRequest(broker, a);
        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, request));

        var frame = await channel.GetAsync(broker.BaseUrl + Assert.Single(progress.FrameSources));

        Assert.Equal(HttpStatusCode.OK, frame.Status);
        Assert.Equal(0, await SloBroker.PendingAsync(channel, progress));
        var response = broker.A.ReceiveResponse(await channel.GetAsync(progress.Url + "/finish"), broker, request.Id);
        Assert.Equal(SamlConstants.StatusCodes.PartialLogout, response.Response.SubStatusCode);
    }

    [Fact]
    public async Task SpInitiatedLogout_OnlyParticipant_AnsweredAtOnceAtResponseLocation()
    {
        // SAML Metadata 2.2.2: responses go to the endpoint's ResponseLocation when the SP registered one.
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var e = await broker.E.LogInAsync(browser, broker);
        var request = broker.E.NewLogoutRequest(broker, e);

        var answer = await channel.GetAsync(await broker.E.RedirectUrlAsync(broker, request, "relay-3"));

        var response = broker.E.ReceiveResponse(answer, broker, request.Id, at: broker.E.ResponseLocation);
        Assert.True(response.Response.IsCompleteLogout);
        Assert.Equal("relay-3", response.RelayState);
        Assert.False(await broker.IsLoggedInAsync(browser, broker.E));
    }

    [Fact]
    public async Task SpInitiatedPostLogout_WithoutBrokerCookie_SessionFoundBySessionIndexAndEnded()
    {
        // HTTP-POST from the SP's site is cross-site: the SameSite=Lax session cookie stays behind, the SessionIndex finds the session.
        using var browser = new TestBrowser();
        var a = await broker.A.LogInAsync(browser, broker);
        using var crossSite = new FrontChannel(new CookieContainer());
        var request = broker.A.NewLogoutRequest(broker, a);

        // The broker first posts the request once more from its own page (same-site, so a Lax cookie would come along).
        var resend = await crossSite.PostFormAsync(broker.SloUrl, await broker.A.PostFormAsync(request));
        var form = resend.Page.Form();
        Assert.Equal(broker.SloUrl, form.Action);
        var answer = await crossSite.PostFormAsync(form.Action, form.Fields);

        Assert.True(broker.A.ReceiveResponse(answer, broker, request.Id).Response.IsCompleteLogout);
        Assert.False(await broker.IsLoggedInAsync(browser, broker.A));
    }

    [Fact]
    public async Task SpInitiatedLogout_NoLiveSession_AnsweredSuccess()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await channel.GetAsync(await broker.A.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a)));
        var again = broker.A.NewLogoutRequest(broker, a);

        var answer = await channel.GetAsync(await broker.A.RedirectUrlAsync(broker, again));

        Assert.True(broker.A.ReceiveResponse(answer, broker, again.Id).Response.IsCompleteLogout);
    }

    [Fact]
    public async Task LogoutFlow_AnswerAfterFinish_RefusedAndOutcomeUnchanged()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.C.LogInAsync(browser, broker);
        var request = broker.A.NewLogoutRequest(broker, a);
        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, request));
        var atC = broker.C.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + Assert.Single(progress.FrameSources)), broker);
        var finish = await channel.GetAsync(progress.Url + "/finish");

        var late = await channel.FollowAsync(await broker.C.AnswerRedirectUrlAsync(broker, broker.C.Answer(broker, atC)));

        Assert.Equal(SamlConstants.StatusCodes.PartialLogout, broker.A.ReceiveResponse(finish, broker, request.Id).Response.SubStatusCode);
        Assert.Equal($"saml.{(int)SamlErrorCode.InResponseToMismatch}.{SamlErrorCode.InResponseToMismatch}", late.ErrorCode);
    }

    [Fact]
    public async Task LogoutFlow_AnotherBrowserFinishes_RefusedAndFlowKept()
    {
        // The flow id travels in URLs and request IDs; only the browser holding the flow's cookie may finish it.
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.C.LogInAsync(browser, broker);
        var request = broker.A.NewLogoutRequest(broker, a);
        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, request));
        using var stranger = new FrontChannel(new CookieContainer());

        var hijack = await stranger.GetAsync(progress.Url + "/finish");
        var frame = await stranger.GetAsync(broker.BaseUrl + progress.FrameSources[0]);

        Assert.Equal("logout.unknown", hijack.ErrorCode);
        Assert.False(frame.IsRedirect);
        Assert.Equal(1, await SloBroker.PendingAsync(channel, progress));
        Assert.Equal(request.Id, broker.A.ReceiveResponse(await channel.GetAsync(progress.Url + "/finish"), broker, request.Id).Response.InResponseTo);
    }

    [Fact]
    public async Task LogoutFlow_FinishedTwice_SecondIsAnErrorPageNotASecondAnswer()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.C.LogInAsync(browser, broker);
        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a)));
        var first = await channel.GetAsync(progress.Url + "/finish");

        var second = await channel.GetAsync(progress.Url + "/finish");

        Assert.True(first.IsRedirect);
        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        Assert.Equal("logout.unknown", second.ErrorCode);
    }

    [Fact]
    public async Task LogoutPage_WithoutJavaScript_FinishesAtTheTimeout()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.C.LogInAsync(browser, broker);

        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a)));

        // SingleLogout:ParticipantTimeout defaults to 5 seconds: the longest a participant that never answers can hold the person.
        Assert.Contains($"""<meta http-equiv="refresh" content="5;url={progress.Url.AbsolutePath}/finish">""", progress.Html, StringComparison.Ordinal);
    }
}
