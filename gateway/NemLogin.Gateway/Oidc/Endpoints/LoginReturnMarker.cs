using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>
/// A protected note the authorization request carries through the upstream login and back (<c>nl_login</c>): which
/// client sent the browser up, and when. Coming back with it, a session authenticated since then satisfies
/// <c>prompt=login</c> and <c>max_age</c>, and a request that still has no usable session is answered instead of sent up
/// again (no login loop). Only the broker can make one; it lives as long as a login flow.
/// </summary>
internal sealed class LoginReturnMarker(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Parameter = "nl_login";
    public const string ErrorParameter = "login_error";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("NemLogin.Oidc.LoginReturn").ToTimeLimitedDataProtector();

    public string Create(string clientId) =>
        _protector.Protect(clientId + "|" + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), time.GetUtcNow() + Lifetime);

    /// <summary>When the login round trip for <paramref name="clientId"/> began, or null for a marker that is absent, foreign or expired.</summary>
    public DateTimeOffset? Read(string? marker, string clientId)
    {
        if (string.IsNullOrEmpty(marker))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(marker).Split('|');
            return parts.Length == 2 && parts[0] == clientId && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
