namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// The browser's way from an OpenID provider's authorization endpoint to the redirect back with a code, as named
/// steps: the login page, the login form post, and the redirects that follow until the client's redirect URI.
/// </summary>
/// <param name="FormStep">GET of the login page the authorization request redirects to.</param>
/// <param name="LoginStep">POST of that page's form with the user name.</param>
/// <param name="ReturnSteps">The redirects followed after the login; the last one answers with the redirect to the client.</param>
/// <param name="PromptConsent">
/// Send <c>prompt=consent</c>: OIDC Core 11 lets a provider grant <c>offline_access</c> (a refresh token) only then,
/// and oidc-provider does so; the broker grants it to a client registered for refresh tokens without it.
/// </param>
public sealed record OidcLoginPath(string FormStep, string LoginStep, IReadOnlyList<string> ReturnSteps, bool PromptConsent)
{
    /// <summary>
    /// The broker: its authorization endpoint sends the browser upstream to the MitID simulator, whose login redirects
    /// to the broker's upstream callback, which returns to the authorization endpoint, which redirects with the code.
    /// </summary>
    public static OidcLoginPath Broker { get; } = new("mitid-authorize", "mitid-login", ["upstream-callback", "oidc-authorize-return"], PromptConsent: false);

    /// <summary>
    /// The reference OP (loadtests/reference-op/server.mjs): its own login page, whose post finishes the interaction
    /// and redirects to the resumed authorization request, which redirects with the code.
    /// </summary>
    public static OidcLoginPath ReferenceProvider { get; } = new("op-login-form", "op-login", ["op-authorize-return"], PromptConsent: true);
}
