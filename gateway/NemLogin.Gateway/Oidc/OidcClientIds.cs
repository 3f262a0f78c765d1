namespace NemLogin.Gateway.Oidc;

/// <summary>Which client ids may name a grain at all: unauthenticated input creates no state (docs/security.md).</summary>
internal static class OidcClientIds
{
    public const int MaxLength = 200;

    public static bool IsWellFormed(string? clientId) =>
        clientId is { Length: > 0 and <= MaxLength } && clientId.All(c => c is > ' ' and < (char)127);
}
