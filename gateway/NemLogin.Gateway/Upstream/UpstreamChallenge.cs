namespace NemLogin.Gateway.Upstream;

/// <summary>Where to send the browser, and the secrets the flow must keep for the callback.</summary>
public sealed record UpstreamChallenge(string RedirectUrl, string Nonce, string CodeVerifier);
