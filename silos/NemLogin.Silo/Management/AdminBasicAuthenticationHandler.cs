using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace NemLogin.Silo.Management;

/// <summary>
/// HTTP Basic for the single administrator of the management port (RFC 7617). The password is compared as SHA-256
/// digests in constant time, so neither its length nor a prefix leaks through timing.
/// </summary>
internal sealed class AdminBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<ManagementOptions> management) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "nemlogin-admin";
    public const string AdminUser = "admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = management.Value.AdminPassword;
        if (string.IsNullOrEmpty(expected)
            || !AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."));
        }

        var separator = credentials.IndexOf(':', StringComparison.Ordinal);
        var userMatches = separator > 0 && string.Equals(credentials[..separator], AdminUser, StringComparison.Ordinal);
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(separator > 0 ? credentials[(separator + 1)..] : ""));
        var passwordMatches = CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        if (!userMatches || !passwordMatches)
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong administrator credentials."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminUser), new Claim(ClaimTypes.Role, "administrator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"NemLogin silo management\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
