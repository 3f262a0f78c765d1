using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using Xunit;

namespace NemLogin.Gateway.Tests.Sessions;

/// <summary>
/// Session fixation: a session cookie value planted in a browser before a login must give the planter nothing after it.
/// The broker issues a new session id at every authentication and never adopts a value it did not issue.
/// </summary>
public sealed class SessionFixationTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string SessionCookie = "nemlogin.sid";

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("planted-by-the-attacker")]
    public async Task PlantedValue_NamingNoSession_GivesNothingAfterTheVictimLogsIn(string planted)
    {
        using var victim = new TestBrowser();
        Plant(victim, planted);

        await LoginAsync(victim, "alice");

        Assert.NotEqual(planted, SessionCookieOf(victim));
        using var attacker = new TestBrowser();
        Plant(attacker, planted);
        Assert.Equal(SamlConstants.StatusCodes.NoPassive, await PassiveStatusAsync(attacker));
    }

    [Fact]
    public async Task PlantedValue_AttackersOwnSession_VictimsLoginNeitherAdoptsNorKeepsIt()
    {
        // The attacker logs in (dorte, Substantial), plants his cookie in the victim's browser; the victim's SP asks for
        // High, so the victim (bent) authenticates. The planted value must not carry the victim's session afterwards.
        using var attacker = new TestBrowser();
        await LoginAsync(attacker, "dorte");
        var planted = SessionCookieOf(attacker)!;
        using var victim = new TestBrowser();
        Plant(victim, planted);

        var request = fixture.SpA.NewRequest(fixture.SsoUrl, SamlConstants.OioSaml.LoaHigh);
        var outcome = await SamlLoginWalk.RunAsync(victim, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request), "bent");
        fixture.SpA.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata);

        Assert.True(outcome.SawLoginPage);
        Assert.NotEqual(planted, SessionCookieOf(victim));
        Assert.Equal(SamlConstants.StatusCodes.NoPassive, await PassiveStatusAsync(attacker));
    }

    [Fact]
    public async Task Reauthentication_SamePerson_NewSessionIdOldOneDead()
    {
        using var browser = new TestBrowser();
        await LoginAsync(browser, "alice");
        var before = SessionCookieOf(browser)!;

        var forced = fixture.SpA.NewRequest(fixture.SsoUrl, forceAuthn: true);
        fixture.SpA.Validate(
            (await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, forced), "alice")).ResponseXml,
            forced.Id,
            fixture.IdpMetadata);

        Assert.NotEqual(before, SessionCookieOf(browser));
        using var copy = new TestBrowser();
        Plant(copy, before);
        Assert.Equal(SamlConstants.StatusCodes.NoPassive, await PassiveStatusAsync(copy));
        Assert.Null(await PassiveStatusAsync(browser));
    }

    private async Task LoginAsync(TestBrowser browser, string user)
    {
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request), user);
        fixture.SpA.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata);
    }

    /// <summary>The second-level status of a passive request from this browser; null when it got an assertion.</summary>
    private async Task<string?> PassiveStatusAsync(TestBrowser browser)
    {
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, isPassive: true);
        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));
        Assert.False(outcome.SawLoginPage);
        var response = ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default).Message;
        return response.SubStatusCode;
    }

    private void Plant(TestBrowser browser, string value) =>
        browser.Cookies.Add(new Uri(fixture.BaseUrl), new Cookie(SessionCookie, value, "/"));

    private string? SessionCookieOf(TestBrowser browser) =>
        browser.Cookies.GetCookies(new Uri(fixture.BaseUrl))[SessionCookie]?.Value;
}
