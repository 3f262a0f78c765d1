namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Headers on every simulator response that a browser renders or follows.</summary>
internal static class PageHeaders
{
    public static void Apply(HttpResponse response)
    {
        // Pages hold one-time form tokens and redirects carry codes: never cache, never leak them through Referer.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // No scripts at all, and no framing (clickjacking on the login form).
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
