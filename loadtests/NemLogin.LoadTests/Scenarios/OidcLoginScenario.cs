using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>A citizen with no session logs in at an OpenID Connect client through MitID.</summary>
public sealed class OidcLoginScenario : ILoadScenario
{
    public string Name => "oidc-login";

    public string Description => "OpenID Connect code flow with PKCE through the MitID simulator, code redeemed at the token endpoint, ID token validated";

    public int LoginsPerIteration => 1;

    public bool UsesSaml => false;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = await OidcLoadClient.ForRunAsync(context.Resources, context.CancellationToken);
        await OidcCodeFlow.LogInAsync(context, client, context.Resources.AnyUser(), OidcLoginPath.Broker);
    }
}
