using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>An OpenID Connect login followed by two refresh-token rotations (each a compare-and-set in a token grain).</summary>
public sealed class OidcRefreshScenario : ILoadScenario
{
    public string Name => "oidc-refresh";

    public string Description => "OpenID Connect login, then the refresh token rotated twice";

    public int LoginsPerIteration => 1;

    public bool UsesSaml => false;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = await OidcLoadClient.ForRunAsync(context.Resources, context.CancellationToken);
        var tokens = await OidcCodeFlow.LogInAsync(context, client, context.Resources.AnyUser(), OidcLoginPath.Broker);
        tokens = await OidcCodeFlow.RefreshAsync(context, client, tokens.GetProperty("refresh_token").GetString()!, "oidc-refresh-1");
        await OidcCodeFlow.RefreshAsync(context, client, tokens.GetProperty("refresh_token").GetString()!, "oidc-refresh-2");
    }
}
