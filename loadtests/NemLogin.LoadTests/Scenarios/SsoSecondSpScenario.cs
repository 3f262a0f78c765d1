using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// A citizen logs in at one service provider, then opens a second one in the same browser and is let in at once
/// (single sign-on): the second response must name the same session and come without a visit to MitID.
/// </summary>
public sealed class SsoSecondSpScenario : ILoadScenario
{
    public const string ScenarioName = "sso-second-sp";

    public string Name => ScenarioName;

    public string Description => "SAML login at one SP, then single sign-on at a second SP from the same browser session";

    public int LoginsPerIteration => 1;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (first, second) = context.Resources.TwoServiceProviders();
        var login = await SpInitiatedLogin.LogInAsync(context, first, context.Resources.AnyUser());
        var sso = await SpInitiatedLogin.SingleSignOnAsync(context, second, "second-sp");
        await context.StepAsync("second-sp-same-authentication", _ => Task.FromResult(
            sso.Value.AuthnInstant == login.Value.AuthnInstant
                ? StepOutcome.Ok("same-session")
                : StepOutcome.Fail("sso.new-authentication", reason: "The second SP got a different authentication instant than the first.")));
    }
}
