namespace NemLogin.Gateway.Oidc;

/// <summary>NemLog-in's own claims beside the standard ones (docs/oiosaml3.md: OIOSAML attributes as OIDC claims).</summary>
internal static class OidcClaimTypes
{
    public const string Loa = "loa";
    public const string Ial = "ial";
    public const string Aal = "aal";
    public const string Cpr = "cpr";
    public const string Cvr = "cvr";
    public const string OrgName = "org_name";
    public const string ProductionUnit = "production_unit";
    public const string SeNumber = "se_number";

    /// <summary>The OIO Basic Privilege Profile's groups as JSON: <c>[{"scope": …, "privileges": […], "constraints": {…}}]</c>.</summary>
    public const string Privileges = "privileges";

    /// <summary>Acting under a mandate: <c>{"sub": grantor scope URN, "mandate_id": …}</c>, the party the person acts for.</summary>
    public const string Act = "act";

    /// <summary>What userinfo answers with; OpenIddict's private claims and the token's own (iss, exp, ...) stay out.</summary>
    public static IReadOnlySet<string> Released { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "sub", "sid", "name", "given_name", "family_name", "birthdate", "email", "acr", "amr", "auth_time", Loa, Ial, Aal, Cpr,
        Cvr, OrgName, ProductionUnit, SeNumber, Privileges, Act,
    };
}
