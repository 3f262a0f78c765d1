using System.Net;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.SelfService;

/// <summary>
/// The pages serve the browser's broker session itself: a session from a login at any service is used without another
/// login when it is Substantial, and a session below Substantial is sent up again (step-up) and, when the person cannot
/// reach the level, refused with a page.
/// </summary>
[Collection(SelfServiceCollection.Name)]
public sealed class SelfServiceSessionTests(SelfServiceFixture fixture)
{
    private string SsoUrl => fixture.BaseUrl + "/saml/sso";

    // Rule: one broker session: a SAML login at an SP (Substantial) opens the pages without a second login.
    [Fact]
    public async Task SessionFromSamlLogin_ServesThePagesWithoutAnotherLogin()
    {
        using var browser = new SelfServiceBrowser(fixture.BaseUrl);
        await SamlLoginWalk.RunAsync(browser.Browser, await fixture.SpA.RedirectUrlAsync(SsoUrl, fixture.SpA.NewRequest(SsoUrl)), "alice");

        var page = await browser.GetAsync(SelfServiceBrowser.Root);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Logget ind som Alice Andersen", page.Html, StringComparison.Ordinal);
    }

    // NSIS step-up: carl's session at an SP that accepts Low does not open the pages; the browser is sent to MitID again with
    // prompt=login, and when carl still reaches Low only, he gets the page that says so (no loop).
    [Fact]
    public async Task LowSession_SteppedUpThenRefusedWithPage()
    {
        var sp = AdminFixture.NewServiceProvider("self-service-low");
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.RegisterAsync(sp.Metadata())).Status);
        var policy = (await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId, "policy"))).Json.AsObject();
        policy["minimumLoa"] = "Low";
        await fixture.Admin.PutJsonAsync(AdminClient.SpPath(sp.EntityId, "policy"), policy);
        using var browser = new SelfServiceBrowser(fixture.BaseUrl);
        await SamlLoginWalk.RunAsync(browser.Browser, await sp.RedirectUrlAsync(SsoUrl, sp.NewRequest(SsoUrl, SamlConstants.OioSaml.LoaLow)), "carl");

        var stepUp = await browser.GetAsync(SelfServiceBrowser.Root);
        var refused = await browser.Browser.SubmitAsync(stepUp, new Dictionary<string, string> { ["username"] = "carl" });

        Assert.Contains("name=\"username\"", stepUp.Html, StringComparison.Ordinal);
        Assert.Contains("prompt=login", stepUp.Url.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("self-service.loa-too-low", refused.ErrorCode);
    }
}
