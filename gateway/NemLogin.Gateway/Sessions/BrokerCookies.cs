using NemLogin.Gateway.Hosting;

namespace NemLogin.Gateway.Sessions;

/// <summary>
/// Names and options of the broker's own cookies. Whenever the broker is reached over https (its public base URL, or the
/// request as the known proxy reports it) a cookie is <c>Secure</c> and named with the <c>__Host-</c> prefix, which browsers
/// accept only when Secure, with Path=/ and no Domain: a sibling subdomain or a plain-http page cannot plant or overwrite it
/// (RFC 6265bis 4.1.3.2).
/// </summary>
internal sealed class BrokerCookies(IBrokerUrls urls)
{
    private const string HostPrefix = "__Host-";

    public bool IsSecure(HttpContext context) =>
        context.Request.IsHttps || urls.BaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public string Name(HttpContext context, string baseName) => IsSecure(context) ? HostPrefix + baseName : baseName;

    public CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = IsSecure(context),
        // Lax: sent on the top-level GET redirects of SAML and OIDC (SP -> broker, upstream -> broker), not on cross-site POSTs.
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
    };
}
