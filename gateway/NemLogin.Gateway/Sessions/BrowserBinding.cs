using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NemLogin.Gateway.Sessions;

/// <summary>
/// Ties login flows to the browser that started them (login CSRF): a random secret in an HttpOnly cookie, kept for the
/// browser's lifetime and shared by its flows (two tabs may log in at once); a flow stores only its SHA-256. It is not the
/// session id: that one changes at every authentication.
/// </summary>
internal sealed class BrowserBinding(BrokerCookies cookies)
{
    public const string CookieBaseName = "nemlogin.bind";
    private const int SecretBytes = 32;

    /// <summary>The binding hash of this browser, giving it a secret first when it has none.</summary>
    public string Ensure(HttpContext context)
    {
        if (Read(context) is { } existing)
        {
            return existing;
        }

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        context.Response.Cookies.Append(cookies.Name(context, CookieBaseName), secret, cookies.Options(context));
        return Hash(secret);
    }

    /// <summary>The binding hash of the secret the browser sent, or null when it sent none of the right shape.</summary>
    public string? Read(HttpContext context) =>
        context.Request.Cookies[cookies.Name(context, CookieBaseName)] is { Length: 43 } secret && Base64Url.IsValid(secret)
            ? Hash(secret)
            : null;

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
}
