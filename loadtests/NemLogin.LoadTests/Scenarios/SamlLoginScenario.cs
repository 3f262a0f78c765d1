using NemLogin.LoadTests.Engine;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>A citizen with no session logs in at a service provider through MitID: the broker's main job.</summary>
public sealed class SamlLoginScenario : ILoadScenario
{
    public const string ScenarioName = "saml-login";

    public string Name => ScenarioName;

    public string Description => "SP-initiated SAML login through the MitID simulator (signed AuthnRequest, four browser hops, response decrypted and validated)";

    public int LoginsPerIteration => 1;

    public Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SpInitiatedLogin.LogInAsync(context, context.Resources.AnyServiceProvider(), context.Resources.AnyUser());
    }
}
