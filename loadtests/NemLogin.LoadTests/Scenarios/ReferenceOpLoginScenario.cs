using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// The same OpenID Connect login as <see cref="OidcLoginScenario"/> against the reference OP, oidc-provider (set up by
/// <c>loadtests/reference-op/run-oidc-provider.sh</c>): authorization request with PKCE S256, the OP's login page and
/// form post, the code redeemed with client_secret_basic, the ID token validated with the same checks. The reference
/// OP authenticates locally: there is no upstream round trip.
/// </summary>
public sealed class ReferenceOpLoginScenario : ILoadScenario
{
    public const string ScenarioName = "oidc-login-ref";

    public string Name => ScenarioName;

    public string Description => "Reference OP: the same OpenID Connect code flow with PKCE against oidc-provider (its login form, code redeemed, ID token validated)";

    public int LoginsPerIteration => 1;

    public bool UsesSaml => false;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = await OidcLoadClient.ForReferenceProviderAsync(context.Resources, context.CancellationToken);
        await OidcCodeFlow.LogInAsync(context, client, context.Resources.AnyUser(), OidcLoginPath.ReferenceProvider);
    }
}
