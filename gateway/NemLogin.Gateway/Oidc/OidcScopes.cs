using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc;

/// <summary>The scopes the broker offers and the claims each releases (docs/oiosaml3.md: the OIOSAML attribute model).</summary>
internal static class OidcScopes
{
    /// <summary>NemLog-in's assurance claims: <c>loa</c>, <c>ial</c>, <c>aal</c>.</summary>
    public const string NemLogin = "nemlogin";

    /// <summary>The CPR number; released only to clients registered as entitled to it.</summary>
    public const string Cpr = "cpr";

    /// <summary>
    /// The Professional profile: the person acts as an employee (<c>sub</c> the business identity's UUID) and the tokens
    /// carry <c>cvr</c>, <c>org_name</c>, the production unit and SE number where set, and this client's <c>privileges</c>.
    /// </summary>
    public const string Professional = "professional";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, NemLogin, Cpr, Professional,
    };
}
