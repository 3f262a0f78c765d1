using System.Diagnostics.CodeAnalysis;

namespace NemLogin.Gateway.Oidc;

/// <summary>Which client ids may name a grain at all: unauthenticated input creates no state (docs/security.md).</summary>
internal static class OidcClientIds
{
    public const int MaxLength = 200;

    /// <summary>1 to <see cref="MaxLength"/> visible ASCII characters (no space, no control character).</summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? clientId) =>
        clientId is { Length: > 0 and <= MaxLength } && !clientId.AsSpan().ContainsAnyExceptInRange('!', '~');
}
