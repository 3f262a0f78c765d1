using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>The demo SP's "Log out" is real SAML single logout through the broker, and it answers the broker's LogoutRequests.</summary>
public sealed class DemoSpLogoutTests(SloBroker broker) : IClassFixture<SloBroker>
{
    [Fact]
    public async Task DemoSp_LogOut_SingleLogoutThroughBrokerEndsBothSessions()
    {
        using var browser = new TestBrowser();
        await LogInAtDemoSpAsync(browser);

        var page = await browser.GetAsync(broker.BaseUrl + "/demo-sp/logout");

        Assert.Equal(broker.BaseUrl + "/demo-sp/?logout=Success", page.Url.ToString());
        Assert.Contains("You are not logged in", page.Html, StringComparison.Ordinal);
        var again = await browser.GetAsync(broker.BaseUrl + "/demo-sp/login");
        Assert.Contains("name=\"username\"", again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoSp_BrokerLogoutPage_DemoSpAnswersAndIsLoggedOut()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        await LogInAtDemoSpAsync(browser);
        var progress = await channel.PostAndFollowAsync(broker.BaseUrl + "/logout", new Dictionary<string, string>());

        // The demo SP lives on the broker's host: its frame walks broker -> demo SP -> broker.
        var frame = await channel.FollowAsync(broker.BaseUrl + Assert.Single(progress.FrameSources));

        Assert.Null(frame.ErrorCode);
        Assert.Equal(0, await SloBroker.PendingAsync(channel, progress));
        var result = await channel.GetAsync(progress.Url + "/finish");
        Assert.Contains("data-status=\"LoggedOut\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("You are not logged in", (await browser.GetAsync(broker.BaseUrl + "/demo-sp/")).Html, StringComparison.Ordinal);
    }

    private async Task LogInAtDemoSpAsync(TestBrowser browser)
    {
        var login = await browser.GetAsync(broker.BaseUrl + "/demo-sp/login?loa=Substantial");
        var form = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "alice" });
        var home = await browser.SubmitAsync(form);
        Assert.Contains("id=\"name-id\"", home.Html, StringComparison.Ordinal);
    }
}
