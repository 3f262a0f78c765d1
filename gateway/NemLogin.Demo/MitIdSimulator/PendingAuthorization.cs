namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// A validated authorization request waiting for the user to log in. Kept server-side under a random id so the
/// form never carries (and the simulator never trusts) copies of the request parameters.
/// </summary>
internal sealed record PendingAuthorization(
    string ClientId,
    string RedirectUri,
    string State,
    string Nonce,
    string CodeChallenge,
    string? AcrValues,
    string FormToken,
    string BrowserBinding)
{
    public string? LoginHint { get; init; }
}
