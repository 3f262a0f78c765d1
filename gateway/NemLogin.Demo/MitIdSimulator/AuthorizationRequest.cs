namespace NemLogin.Demo.MitIdSimulator;

/// <summary>An authorization request that passed every check of <see cref="AuthorizationRequestValidator"/>.</summary>
internal sealed record AuthorizationRequest(
    MitIdSimulatorClient Client,
    string RedirectUri,
    string State,
    string Nonce,
    string CodeChallenge,
    string? AcrValues);
