namespace NemLogin.Demo.MitIdSimulator;

/// <summary>What an authorization code stands for: redeemable once, by its client, with its redirect URI and PKCE verifier.</summary>
internal sealed record IssuedCode(
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    string Nonce,
    TestUser User,
    DateTimeOffset AuthTime);
