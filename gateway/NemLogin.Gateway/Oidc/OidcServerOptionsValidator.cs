using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc;

internal sealed class OidcServerOptionsValidator : IValidateOptions<OidcServerOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcServerOptions options)
    {
        var failures = new List<string>();
        if (options.SigningAlgorithm is not (SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.EcdsaSha256))
        {
            failures.Add("Oidc:SigningAlgorithm must be RS256 or ES256.");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Oidc:AccessTokenLifetime must be between 0 and 1 hour.");
        }

        if (options.RefreshTokenLifetime <= TimeSpan.Zero || options.RefreshTokenLifetime > TimeSpan.FromDays(30))
        {
            failures.Add("Oidc:RefreshTokenLifetime must be between 0 and 30 days.");
        }

        if (options.ClientSecretKey is { Length: > 0 } key
            && (!Convert.TryFromBase64String(key, new byte[key.Length], out var keyLength) || keyLength < 32))
        {
            failures.Add("Oidc:ClientSecretKey must be base64 of at least 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
