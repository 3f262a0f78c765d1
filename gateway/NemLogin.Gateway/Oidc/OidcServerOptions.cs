using Microsoft.IdentityModel.Tokens;
using Orleans;

namespace NemLogin.Gateway.Oidc;

/// <summary>The OpenID Connect provider, bound from <c>Oidc</c>.</summary>
public sealed class OidcServerOptions
{
    public const string SectionName = "Oidc";

    /// <summary>RS256 (RSA key in the pool) or ES256 (EC P-256 key in the pool).</summary>
    public string SigningAlgorithm { get; set; } = SecurityAlgorithms.RsaSha256;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The key client secrets are hashed under (HMAC-SHA256), base64, at least 32 bytes; the same on every gateway and
    /// kept apart from the database. Unset: a built-in public label keys the hash (development and tests). Changing it
    /// refuses every secret registered under the old key until the client is registered again.
    /// </summary>
    [Redact]
    public string? ClientSecretKey { get; set; }
}
