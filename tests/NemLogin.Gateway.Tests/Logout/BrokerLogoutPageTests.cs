using System.Net;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>The person logs out at the broker itself: every participant is told, and the page says who confirmed.</summary>
public sealed class BrokerLogoutPageTests(SloBroker broker) : IClassFixture<SloBroker>
{
    [Fact]
    public async Task LogoutPage_LoggedIn_ListsServicesAndOffersLogout()
    {
        using var browser = new TestBrowser();
        await broker.A.LogInAsync(browser, broker);
        await broker.B.LogInAsync(browser, broker);

        var page = await browser.GetAsync(broker.BaseUrl + "/logout");

        Assert.Contains(broker.A.EntityId, page.Html, StringComparison.Ordinal);
        Assert.Contains(broker.B.EntityId, page.Html, StringComparison.Ordinal);
        Assert.Equal("post", page.Form().Method);
    }

    [Fact]
    public async Task LogoutPage_Post_TellsEveryParticipantAndShowsWhoConfirmed()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.C.LogInAsync(browser, broker);

        var progress = await channel.PostAndFollowAsync(broker.BaseUrl + "/logout", new Dictionary<string, string>());
        Assert.Equal(2, progress.FrameSources.Count);
        var atA = broker.A.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + progress.FrameSources[0]), broker);
        Assert.Equal(a.SessionIndex, Assert.Single(atA.Request.SessionIndexes));
        await channel.FollowAsync(await broker.A.AnswerRedirectUrlAsync(broker, broker.A.Answer(broker, atA)));
        broker.C.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + progress.FrameSources[1]), broker);

        var result = await channel.GetAsync(progress.Url + "/finish");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("id=\"logged-out\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"LoggedOut\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"Pending\"", result.Html, StringComparison.Ordinal);
        Assert.False(await broker.IsLoggedInAsync(browser, broker.A));
    }

    [Fact]
    public async Task LogoutPage_PostWithoutParticipants_LoggedOutAtOnce()
    {
        using var browser = new TestBrowser();
        await broker.A.LogInAsync(browser, broker);
        using var channel = new FrontChannel(browser.Cookies);
        var progress = await channel.PostAndFollowAsync(broker.BaseUrl + "/logout", new Dictionary<string, string>());
        await channel.GetAsync(progress.Url + "/finish");

        var again = await channel.PostFormAsync(broker.BaseUrl + "/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("id=\"logged-out\"", again.Html, StringComparison.Ordinal);
        Assert.Empty(again.FrameSources);
    }

    [Fact]
    public async Task LogoutPage_NoSession_SaysSo()
    {
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(broker.BaseUrl + "/logout");

        Assert.Contains("id=\"no-session\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogoutPage_CrossSitePostWithoutCookie_EndsNothing()
    {
        // Logout CSRF: another site's form posting to /logout carries no SameSite=Lax session cookie, so it ends nothing.
        using var browser = new TestBrowser();
        await broker.A.LogInAsync(browser, broker);
        using var attacker = new FrontChannel(new CookieContainer());

        await attacker.PostFormAsync(broker.BaseUrl + "/logout", new Dictionary<string, string>());

        Assert.True(await broker.IsLoggedInAsync(browser, broker.A));
    }
}
