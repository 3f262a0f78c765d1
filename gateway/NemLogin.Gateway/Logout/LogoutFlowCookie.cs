using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// Binds a logout flow to the browser that started it: a random secret in an HttpOnly cookie scoped to the flow's own path,
/// of which the flow keeps only a hash. The flow's pages, frames and finish answer only that browser.
/// </summary>
internal static class LogoutFlowCookie
{
    private const string Name = "nemlogin.logout";

    /// <summary>Gives the browser the flow's secret and returns the hash the flow stores.</summary>
    public static string Issue(HttpContext context, string flowId)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(Name, secret, Options(context, flowId));
        return Hash(secret);
    }

    public static bool Matches(HttpContext context, string binding)
    {
        var secret = context.Request.Cookies[Name];
        return secret is { Length: > 0 and <= 64 }
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(binding));
    }

    public static void Clear(HttpContext context, string flowId) => context.Response.Cookies.Delete(Name, Options(context, flowId));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static CookieOptions Options(HttpContext context, string flowId) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        // Lax: the browser arrives at the flow page by a redirect from the SP's (possibly cross-site POST) request.
        SameSite = SameSiteMode.Lax,
        Path = "/logout/" + flowId,
        IsEssential = true,
    };
}
