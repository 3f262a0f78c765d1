using NemLogin.Gateway.Tests.Support;
using A = NemLogin.Saml.SamlConstants.Attributes;
using Xunit;

namespace NemLogin.Gateway.Tests.EndToEnd;

/// <summary>The demo SP at /demo-sp, driven like a person without JavaScript would.</summary>
public sealed class DemoServiceProviderTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task DemoSp_LoginAsAlice_ShowsOioSamlAttributesIncludingCpr()
    {
        using var browser = new TestBrowser();
        var start = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/");
        Assert.Contains("Log in", start.Html, StringComparison.Ordinal);

        var login = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login?loa=Substantial");
        var posted = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "alice" });
        var shown = await browser.SubmitAsync(posted);

        Assert.Contains("logged in", shown.Html, StringComparison.Ordinal);
        foreach (var attribute in new[] { A.SpecVersion, A.Loa, A.FullName, A.CprNumber, A.DateOfBirth })
        {
            Assert.Contains($"data-attribute=\"{attribute}\"", shown.Html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("demo-error", shown.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoSp_Logout_ShowsLoginAgain()
    {
        using var browser = new TestBrowser();
        var login = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login");
        // dorte: bent holds alice's mandate for the demo SP, so his login there asks whom he acts for first.
        var posted = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "dorte" });
        var shown = await browser.SubmitAsync(posted);
        Assert.Contains("logged in", shown.Html, StringComparison.Ordinal);

        var after = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/logout");

        Assert.Contains("You are not logged in", after.Html, StringComparison.Ordinal);
    }
}
