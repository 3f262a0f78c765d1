using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NemLogin.Gateway.Tests.Logout;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using Xunit;

namespace NemLogin.Gateway.Tests.Sessions;

/// <summary>
/// Login CSRF: an upstream callback is taken only by the browser that started the login, and another browser's attempt
/// does not burn it. ForceAuthn: an upstream answer from an authentication older than the login is refused with
/// AuthnFailed, as a SAML status to the SP.
/// </summary>
public sealed class LoginFlowBindingTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task UpstreamCallback_OpenedInAnotherBrowser_RefusedAndTheStartingBrowserStillCompletes()
    {
        using var victim = new TestBrowser();
        using var victimChannel = new FrontChannel(victim.Cookies);
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);
        var callback = await CallbackUrlAsync(victimChannel, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request), "alice");

        using var attacker = new TestBrowser();
        var refused = await attacker.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("flow.browser-mismatch", refused.ErrorCode);

        var completed = await victim.GetAsync(callback);
        var response = PostBinding.Decode(completed.Form().Fields["SAMLResponse"], SamlLimits.Default);
        fixture.SpA.Validate(response, request.Id, fixture.IdpMetadata);
    }

    [Fact]
    public async Task UpstreamCallback_ForgedState_RefusedAsUnknown()
    {
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(fixture.BaseUrl + "/upstream/mitid/callback?code=x&state=" + new string('A', 155));

        Assert.Equal("flow.unknown", page.ErrorCode);
    }

    [Fact]
    public async Task UpstreamCallback_Replayed_RefusedAsUnknown()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);
        var callback = await CallbackUrlAsync(channel, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request), "alice");
        await browser.GetAsync(callback);

        var replayed = await browser.GetAsync(callback);

        Assert.Equal("flow.unknown", replayed.ErrorCode);
    }

    [Fact]
    public async Task ForceAuthn_UpstreamAnswersFromAnEarlierLogin_AuthnFailedStatusAndNoSession()
    {
        // SAML Core 3.4.1: ForceAuthn means a fresh authentication; an upstream that reuses its own earlier session
        // (auth_time before the login began) has not done what the SP asked.
        await using var broker = new BrokerFactory(
            new Dictionary<string, string?> { ["ServiceProviders:MetadataDirectory"] = fixture.MetadataDirectory },
            services: services =>
            {
                services.RemoveAll<IUpstreamIdentityProvider>();
                services.AddSingleton<IUpstreamIdentityProvider>(sp => new EarlierLoginUpstream(sp.GetRequiredService<MitIdUpstreamProvider>()));
            });
        var ssoUrl = broker.BaseUrl + "/saml/sso";
        using var browser = new TestBrowser();
        var forced = fixture.SpA.NewRequest(ssoUrl, forceAuthn: true);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(ssoUrl, forced), "alice");
        var response = ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default).Message;

        Assert.True(outcome.SawLoginPage);
        Assert.Equal(SamlConstants.StatusCodes.Responder, response.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.AuthnFailed, response.SubStatusCode);
        Assert.Equal(forced.Id, response.InResponseTo);
        var passive = fixture.SpA.NewRequest(ssoUrl, isPassive: true);
        var again = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(ssoUrl, passive));
        Assert.Equal(SamlConstants.StatusCodes.NoPassive, ResponseXml.Read(again.ResponseXml, SamlLimits.Default).Message.SubStatusCode);
    }

    /// <summary>Walks to the simulator, logs in, and returns the broker callback URL the simulator sends the browser to.</summary>
    private static async Task<string> CallbackUrlAsync(FrontChannel channel, string redirectUrl, string user)
    {
        var loginPage = await channel.FollowAsync(redirectUrl);
        var form = loginPage.Page.Form();
        var fields = new Dictionary<string, string>(form.Fields) { ["username"] = user };
        var answer = await channel.PostFormAsync(new Uri(loginPage.Url, form.Action).ToString(), fields);
        Assert.True(answer.IsRedirect, $"The simulator answered {(int)answer.Status}");
        Assert.Contains("/upstream/mitid/callback", answer.Location!.AbsolutePath, StringComparison.Ordinal);
        return answer.Location.ToString();
    }
}
