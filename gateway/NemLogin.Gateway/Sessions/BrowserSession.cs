using System.Buffers.Text;
using System.Security.Cryptography;

namespace NemLogin.Gateway.Sessions;

/// <summary>
/// The browser's handle on its single sign-on session: a 256-bit random id in an HttpOnly cookie. The id is the
/// session grain's key; nothing else about the session lives in the browser.
/// </summary>
internal static class BrowserSession
{
    public const string CookieName = "nemlogin.sid";
    private const int IdBytes = 32;

    /// <summary>The session id the browser sent, when it has the expected shape.</summary>
    public static string? Read(HttpContext context)
    {
        var value = context.Request.Cookies[CookieName];
        return value is { Length: 43 } && Base64Url.IsValid(value) ? value : null;
    }

    /// <summary>The browser's session id, creating one (and its cookie) when it has none.</summary>
    public static string Ensure(HttpContext context) => Read(context) ?? Issue(context);

    /// <summary>Gives the browser a new session id (after a logout or a change of identity: no session fixation).</summary>
    public static string Issue(HttpContext context)
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(IdBytes));
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Lax: sent on the top-level GET redirects of SAML and OIDC (SP -> broker, upstream -> broker), not on cross-site POSTs.
            SameSite = SameSiteMode.Lax,
            Path = "/",
            IsEssential = true,
        });
        return id;
    }

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}
