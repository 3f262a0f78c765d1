namespace NemLogin.Gateway.Pages;

/// <summary>
/// The language of the broker's login pages: Danish by default, English when the person chose it (the page's language
/// link, remembered in a cookie) or when the browser prefers English to Danish (<c>Accept-Language</c>).
/// </summary>
internal static class PageLanguage
{
    public const string Danish = "da";
    public const string English = "en";
    public const string QueryParameter = "lang";
    private const string CookieName = "nemlogin.lang";

    public static string Resolve(HttpContext context)
    {
        if (context.Request.Query[QueryParameter].ToString() is Danish or English)
        {
            var chosen = context.Request.Query[QueryParameter].ToString();
            context.Response.Cookies.Append(CookieName, chosen, new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365),
            });
            return chosen;
        }

        if (context.Request.Cookies[CookieName] is Danish or English)
        {
            return context.Request.Cookies[CookieName]!;
        }

        // The first of Danish or English the browser lists, by its own order of preference.
        foreach (var tag in context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var primary = tag.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (primary is Danish or English)
            {
                return primary;
            }
        }

        return Danish;
    }

    /// <summary>
    /// The other language's link, labelled in that language: to the same page, or to <paramref name="path"/> when the page
    /// was answered at another address (a POST, or the SAML endpoint) and is shown again there.
    /// </summary>
    public static string SwitchLink(HttpContext context, string language, string? path = null)
    {
        var other = language == Danish ? English : Danish;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path ?? context.Request.Path.ToString(), QueryParameter, other);
        return $"""<p><a href="{HtmlPage.E(query)}" lang="{other}" hreflang="{other}">{(other == Danish ? "Dansk" : "English")}</a></p>""";
    }
}
