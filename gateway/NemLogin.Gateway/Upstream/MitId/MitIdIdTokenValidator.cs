using NemLogin.Grains.Errors;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>
/// Validates an ID token from MitID (OIDC Core 3.1.3.7): signature with MitID's published keys, RS256 or ES256 only,
/// issuer, audience, expiry and issue time within the clock skew. The nonce is checked by the caller, who knows it.
/// </summary>
internal sealed class MitIdIdTokenValidator(MitIdMetadataCache metadataCache, IOptions<MitIdUpstreamOptions> options, TimeProvider time)
{
    // OIDC Core 3.1.3.7 item 7: the algorithm is the one agreed with the provider; never "none", never HMAC with a public key.
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<JsonWebToken> ValidateAsync(string idToken, MitIdMetadata metadata, CancellationToken cancellationToken)
    {
        // The header is read unverified only to see whether MitID may have rotated its key since the keys were fetched.
        var kid = ReadKeyIdUnverified(idToken);
        if (!string.IsNullOrEmpty(kid) && !metadata.HasKey(kid))
        {
            metadata = await metadataCache.RefreshKeysAsync(metadata, cancellationToken);
        }

        var result = await _handler.ValidateTokenAsync(idToken, Parameters(metadata));
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            throw Invalid($"The ID token failed validation ({result.Exception?.GetType().Name ?? "unknown"}).", result.Exception);
        }

        CheckTimes(token);
        CheckAuthorizedParty(token);
        return token;
    }

    private string? ReadKeyIdUnverified(string idToken)
    {
        try
        {
            return _handler.CanReadToken(idToken) ? _handler.ReadJsonWebToken(idToken).Kid : throw Invalid("The ID token is not a compact JWS.");
        }
        catch (ArgumentException ex)
        {
            throw Invalid("The ID token is malformed.", ex);
        }
    }

    private TokenValidationParameters Parameters(MitIdMetadata metadata) => new()
    {
        ValidIssuer = metadata.Issuer,
        ValidAudience = options.Value.ClientId,
        IssuerSigningKeys = metadata.SigningKeys,
        ValidAlgorithms = AllowedAlgorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ClockSkew = options.Value.ClockSkew,
        LifetimeValidator = IsWithinLifetime,
    };

    /// <summary>exp (required) and nbf checked against the injected clock rather than the machine's, with the configured skew.</summary>
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp
            && exp > now - parameters.ClockSkew
            && (notBefore is not { } nbf || nbf <= now + parameters.ClockSkew);
    }

    /// <summary>OIDC Core 3.1.3.7 item 10: iat is required; iat or auth_time from the future (beyond the skew) is refused.</summary>
    private void CheckTimes(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iat))
        {
            throw Invalid("The ID token has no iat.");
        }

        var latest = time.GetUtcNow() + options.Value.ClockSkew;
        if (DateTimeOffset.FromUnixTimeSeconds(iat) > latest
            || (token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.AuthTime, out var authTime) && DateTimeOffset.FromUnixTimeSeconds(authTime) > latest))
        {
            throw Invalid("The ID token was issued, or the user authenticated, in the future.");
        }
    }

    /// <summary>OIDC Core 3.1.3.7 items 4-5: with several audiences, azp must name this client.</summary>
    private void CheckAuthorizedParty(JsonWebToken token)
    {
        var audiences = token.Audiences.ToList();
        if (audiences.Count > 1 && !string.Equals(token.Azp, options.Value.ClientId, StringComparison.Ordinal))
        {
            throw Invalid("The ID token has several audiences and azp does not name the broker.");
        }
    }

    private static UpstreamException Invalid(string message, Exception? inner = null) => new(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), message, inner);
}
