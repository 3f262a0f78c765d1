using System.Globalization;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// A citizen logs in at a service provider and logs out there: the SP sends a signed LogoutRequest for the session its
/// assertion named, the broker ends the session and answers with a signed LogoutResponse to the SP's registered SLO
/// endpoint, and a new login from the same browser must go to MitID again (no single sign-on left).
/// </summary>
public sealed class SamlLogoutScenario : ILoadScenario
{
    public const string ScenarioName = "saml-logout";

    public string Name => ScenarioName;

    public string Description => "SAML login, then SP-initiated single logout (signed LogoutRequest, LogoutResponse validated); the ended session no longer gives single sign-on";

    public int LoginsPerIteration => 1;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sp = context.Resources.AnyServiceProvider();
        var idp = context.Resources.IdentityProvider;
        var assertion = await SpInitiatedLogin.LogInAsync(context, sp, context.Resources.AnyUser());

        string logoutUrl = null!, requestId = null!;
        await context.StepAsync("sign-logout-request", async ct =>
        {
            (logoutUrl, requestId) = await sp.SignedLogoutUrlAsync(idp, assertion.Value, ct);
            return StepOutcome.Ok("signed");
        });

        HttpPage page = null!;
        await context.StepAsync("slo", async ct =>
        {
            page = await context.Browser.GetAsync(new Uri(logoutUrl), ct);
            // With no other participant the broker answers at once, by redirect to the SP's SLO endpoint.
            return page.IsRedirect && page.Location!.GetLeftPart(UriPartial.Path) == sp.SloUrl
                ? StepOutcome.Ok(Status(page), page.Bytes)
                : StepOutcome.Fail(page.Describe(), page.Bytes, $"expected a redirect to {sp.SloUrl}, got {page.Status} {page.Location}");
        });

        await context.StepAsync("sp-validate-logout-response", _ =>
        {
            var response = sp.ValidateLogoutResponse(page.Location!, requestId, idp).Value.Response;
            return Task.FromResult(response.IsCompleteLogout
                ? StepOutcome.Ok("success")
                : StepOutcome.Fail("logout." + (response.SubStatusCode ?? response.StatusCode), reason: response.StatusMessage));
        });

        await context.StepAsync("after-logout-sso-refused", async ct =>
        {
            var (url, _) = await sp.SignedRequestUrlAsync(idp, ct);
            var again = await context.Browser.GetAsync(new Uri(url), ct);
            // The session is gone: the broker must send the browser to the upstream again, not answer with an assertion.
            return again.IsRedirect && !again.Location!.AbsolutePath.StartsWith("/saml", StringComparison.Ordinal)
                ? StepOutcome.Ok(Status(again), again.Bytes)
                : StepOutcome.Fail("logout.session-still-alive", again.Bytes, $"a new request after logout got {again.Status} {again.Location}");
        });
    }

    private static string Status(HttpPage page) => page.Status.ToString(CultureInfo.InvariantCulture);
}
