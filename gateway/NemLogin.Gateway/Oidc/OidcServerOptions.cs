using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc;

/// <summary>The OpenID Connect provider, bound from <c>Oidc</c>.</summary>
public sealed class OidcServerOptions
{
    public const string SectionName = "Oidc";

    /// <summary>RS256 (RSA key in the pool) or ES256 (EC P-256 key in the pool).</summary>
    public string SigningAlgorithm { get; set; } = SecurityAlgorithms.RsaSha256;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
