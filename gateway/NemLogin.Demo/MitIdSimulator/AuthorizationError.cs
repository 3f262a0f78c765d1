namespace NemLogin.Demo.MitIdSimulator;

/// <summary>An error the client may learn about through its (verified) redirect URI (RFC 6749 4.1.2.1).</summary>
internal sealed record AuthorizationError(string RedirectUri, string? State, string Code, string Description);
