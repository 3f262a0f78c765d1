using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Validation;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// LogoutResponses from participants the broker must refuse: each gets an error page with a stable code inside the
/// participant's frame, and the participant stays unanswered, so the initiator hears PartialLogout.
/// </summary>
public sealed class LogoutResponseRefusalTests(SloBroker broker) : IClassFixture<SloBroker>
{
    [Fact]
    public async Task LogoutResponse_Unsigned_RefusedParticipantStillPending()
    {
        // Attack class: signature exclusion (an unsigned answer would report a logout that never happened).
        await using var logout = await StartAsync();
        var form = new Dictionary<string, string> { ["SAMLResponse"] = PostBinding.Encode(LogoutResponseXml.Write(broker.C.Answer(broker, logout.AtC))) };

        await logout.AssertRefusedAsync(await logout.Channel.PostFormAsync(broker.SloUrl, form), SamlErrorCode.SignatureMissing);
    }

    [Fact]
    public async Task LogoutResponse_SignedByUnregisteredKey_RefusedParticipantStillPending()
    {
        // Attack class: keys only from registered metadata.
        await using var logout = await StartAsync();
        var impostor = new SloServiceProvider("slo-c", SamlConstants.Bindings.HttpRedirect);

        var hop = await logout.Channel.GetAsync(await impostor.AnswerRedirectUrlAsync(broker, impostor.Answer(broker, logout.AtC)));

        await logout.AssertRefusedAsync(hop, SamlErrorCode.SignatureInvalid);
    }

    [Fact]
    public async Task LogoutResponse_FromAnotherParticipantForThisRequest_RefusedParticipantStillPending()
    {
        // SP E, registered and signing with its own key, answers the request the broker sent to SP C.
        await using var logout = await StartAsync();
        var forged = broker.C.Answer(broker, logout.AtC) with { Issuer = broker.E.EntityId };

        var hop = await logout.Channel.GetAsync(await broker.E.AnswerRedirectUrlAsync(broker, forged));

        await logout.AssertRefusedAsync(hop, SamlErrorCode.InResponseToMismatch);
    }

    [Fact]
    public async Task LogoutResponse_InResponseToUnknown_RefusedParticipantStillPending()
    {
        await using var logout = await StartAsync();
        var stray = broker.C.Answer(broker, logout.AtC) with { InResponseTo = "_" + new string('0', 64) + "-0" };

        await logout.AssertRefusedAsync(await logout.Channel.GetAsync(await broker.C.AnswerRedirectUrlAsync(broker, stray)), SamlErrorCode.InResponseToMismatch);
    }

    [Fact]
    public async Task LogoutResponse_DestinationOtherIdp_RefusedParticipantStillPending()
    {
        await using var logout = await StartAsync();
        var elsewhere = broker.C.Answer(broker, logout.AtC) with { Destination = "https://other-idp.test/saml/slo" };

        await logout.AssertRefusedAsync(await logout.Channel.GetAsync(await broker.C.AnswerRedirectUrlAsync(broker, elsewhere)), SamlErrorCode.DestinationMismatch);
    }

    [Fact]
    public async Task LogoutResponse_Replayed_RefusedSecondTime()
    {
        // Attack class: replay of a captured, validly signed answer.
        await using var logout = await StartAsync();
        var url = await broker.C.AnswerRedirectUrlAsync(broker, broker.C.Answer(broker, logout.AtC, SamlConstants.StatusCodes.Responder));
        Assert.Null((await logout.Channel.GetAsync(url)).ErrorCode);

        var replay = await logout.Channel.GetAsync(url);

        Assert.Equal($"saml.{(int)SamlErrorCode.ResponseReplayed}.{SamlErrorCode.ResponseReplayed}", replay.ErrorCode);
    }

    private async Task<StartedLogout> StartAsync()
    {
        var browser = new TestBrowser();
        var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.C.LogInAsync(browser, broker);
        var request = broker.A.NewLogoutRequest(broker, a);
        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, request));
        var atC = broker.C.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + Assert.Single(progress.FrameSources)), broker);
        return new StartedLogout(broker, browser, channel, progress, request.Id, atC);
    }

    private sealed record StartedLogout(
        SloBroker Broker, TestBrowser Browser, FrontChannel Channel, Hop Progress, string RequestId, ValidatedLogoutRequest AtC) : IAsyncDisposable
    {
        public async Task AssertRefusedAsync(Hop hop, SamlErrorCode code)
        {
            Assert.Equal(HttpStatusCode.BadRequest, hop.Status);
            Assert.Equal($"saml.{(int)code}.{code}", hop.ErrorCode);
            Assert.Equal(1, await SloBroker.PendingAsync(Channel, Progress));
            var finish = await Channel.GetAsync(Progress.Url + "/finish");
            Assert.Equal(SamlConstants.StatusCodes.PartialLogout, Broker.A.ReceiveResponse(finish, Broker, RequestId).Response.SubStatusCode);
        }

        public ValueTask DisposeAsync()
        {
            Channel.Dispose();
            Browser.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
