using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.LoadTests.Parties;

/// <summary>
/// The ID token checks a relying party makes (OIDC Core 3.1.3.7): signature by one of the provider's published keys
/// with an asymmetric algorithm (no <c>none</c>, no HMAC), issuer, audience, expiry, and the nonce it sent.
/// </summary>
public static class IdTokenCheck
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>Null when the token is valid, else why not.</summary>
    public static async Task<string?> FindProblemAsync(string idToken, OidcProviderMetadata provider, string clientId, string nonce)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var result = await Handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidAudience = clientId,
            IssuerSigningKeys = provider.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        if (!result.IsValid)
        {
            return result.Exception?.Message ?? "the ID token is not valid";
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (!token.TryGetPayloadValue<string>("nonce", out var received) || received != nonce)
        {
            return "the ID token does not carry the nonce of this request";
        }

        return token.TryGetPayloadValue<string>("sub", out var subject) && subject.Length > 0 ? null : "the ID token has no sub";
    }
}
