using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc;

/// <summary>The scopes the broker offers and the claims each releases (docs/oiosaml3.md: the OIOSAML attribute model).</summary>
internal static class OidcScopes
{
    /// <summary>NemLog-in's assurance claims: <c>loa</c>, <c>ial</c>, <c>aal</c>.</summary>
    public const string NemLogin = "nemlogin";

    /// <summary>The CPR number; released only to clients registered as entitled to it.</summary>
    public const string Cpr = "cpr";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, NemLogin, Cpr,
    };
}
