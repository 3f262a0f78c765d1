using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// Privacy across SPs: a LogoutRequest found by its SessionIndex but arriving from a browser that does not hold the session
/// ends the session, yet that browser is never shown the other participants nor carries their NameIDs; the initiator hears
/// PartialLogout. The session's own browser, posting cross-site, is recognised after one same-site resend.
/// </summary>
public sealed class ForeignBrowserLogoutTests(SloBroker broker) : IClassFixture<SloBroker>
{
    [Fact]
    public async Task LogoutFromAnotherBrowser_Redirect_SessionEndsOthersNotToldPartialLogout()
    {
        using var browser = new TestBrowser();
        var a = await broker.A.LogInAsync(browser, broker);
        var b = await broker.B.LogInAsync(browser, broker);
        using var other = new FrontChannel(new CookieContainer());
        var request = broker.A.NewLogoutRequest(broker, a);

        var answer = await other.GetAsync(await broker.A.RedirectUrlAsync(broker, request, "relay-x"));

        var response = broker.A.ReceiveResponse(answer, broker, request.Id);
        Assert.Equal(SamlConstants.StatusCodes.Success, response.Response.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.PartialLogout, response.Response.SubStatusCode);
        Assert.Equal("relay-x", response.RelayState);
        Assert.DoesNotContain(b.NameId, answer.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(broker.B.EntityId, answer.Location?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.False(await broker.IsLoggedInAsync(browser, broker.B));
    }

    [Fact]
    public async Task LogoutFromAnotherBrowser_PostResent_StillForeignPartialLogoutWithoutFrames()
    {
        using var browser = new TestBrowser();
        var a = await broker.A.LogInAsync(browser, broker);
        var c = await broker.C.LogInAsync(browser, broker);
        using var other = new FrontChannel(new CookieContainer());
        var request = broker.A.NewLogoutRequest(broker, a);

        var resend = await other.PostFormAsync(broker.SloUrl, await broker.A.PostFormAsync(request));
        var form = resend.Page.Form();
        var answer = await other.PostFormAsync(form.Action, form.Fields);

        Assert.Empty(answer.FrameSources);
        Assert.DoesNotContain(c.NameId, answer.Html, StringComparison.Ordinal);
        Assert.Equal(SamlConstants.StatusCodes.PartialLogout, broker.A.ReceiveResponse(answer, broker, request.Id).Response.SubStatusCode);
        Assert.False(await broker.IsLoggedInAsync(browser, broker.C));
    }

    [Fact]
    public async Task CrossSitePostFromTheSessionsBrowser_ResentSameSite_OthersToldThroughFrames()
    {
        // HttpClient sends cookies on every request; the first post is made without them to stand for a browser
        // withholding its SameSite=Lax cookie on a cross-site POST, the resend with them as the same-site post it is.
        using var browser = new TestBrowser();
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.C.LogInAsync(browser, broker);
        using var crossSite = new FrontChannel(new CookieContainer());
        using var sameSite = new FrontChannel(browser.Cookies);
        var request = broker.A.NewLogoutRequest(broker, a);

        var resend = await crossSite.PostFormAsync(broker.SloUrl, await broker.A.PostFormAsync(request));
        var form = resend.Page.Form();
        Assert.Equal("1", form.Fields["NemLoginResent"]);
        Assert.Contains("form-action " + broker.SloUrl + ";", resend.Csp, StringComparison.Ordinal);
        var progress = await sameSite.PostAndFollowAsync(form.Action, form.Fields);

        Assert.Single(progress.FrameSources);
    }

    [Fact]
    public async Task ResentPost_AnsweredOnce_NotBouncedAgain()
    {
        // The resend marker stops a loop: a browser without any broker cookie is answered after one resend.
        using var browser = new TestBrowser();
        var a = await broker.A.LogInAsync(browser, broker);
        using var other = new FrontChannel(new CookieContainer());
        var request = broker.A.NewLogoutRequest(broker, a);
        var fields = await broker.A.PostFormAsync(request);
        fields["NemLoginResent"] = "1";

        var answer = await other.PostFormAsync(broker.SloUrl, fields);

        Assert.True(broker.A.ReceiveResponse(answer, broker, request.Id).Response.IsCompleteLogout);
    }
}
