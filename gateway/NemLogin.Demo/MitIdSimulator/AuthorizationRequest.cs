namespace NemLogin.Demo.MitIdSimulator;

/// <summary>An authorization request that passed every check of <see cref="AuthorizationRequestValidator"/>.</summary>
internal sealed record AuthorizationRequest(
    MitIdSimulatorClient Client,
    string RedirectUri,
    string State,
    string Nonce,
    string CodeChallenge,
    string? AcrValues)
{
    /// <summary>OIDC Core 3.1.2.1 <c>login_hint</c>: the user name the login form starts with (capped, never trusted).</summary>
    public string? LoginHint { get; init; }
}
