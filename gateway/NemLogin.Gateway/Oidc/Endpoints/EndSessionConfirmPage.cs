using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Gateway.Pages;
using OpenIddict.Abstractions;

namespace NemLogin.Gateway.Oidc.Endpoints;

/// <summary>
/// "Do you want to log out?" for an end-session request that does not prove it comes from a party of this session (see
/// <see cref="EndSessionEndpoint"/>). A plain form (no JavaScript) that posts the request's own parameters back to the
/// end-session endpoint with <see cref="EndSessionEndpoint.ConfirmField"/>, so OpenIddict checks them again; "stay logged in"
/// leaves everything as it was. Danish by default, English by the usual switch or the request's <c>ui_locales</c>.
/// </summary>
internal static class EndSessionConfirmPage
{
    public static IResult Show(HttpContext context, OpenIddictRequest request, string? returnUrl)
    {
        var language = request.UiLocales is { } locales && locales.TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase)
            && context.Request.Query[PageLanguage.QueryParameter].Count == 0
            ? PageLanguage.English
            : PageLanguage.Resolve(context);
        var t = language == PageLanguage.English ? English : Danish;
        // The request as it came (query or form), so the answer is the same request again.
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> sent = context.Request.HasFormContentType
            ? context.Request.Form
            : context.Request.Query;
        var fields = string.Concat(sent
            .Where(p => p.Key != EndSessionEndpoint.ConfirmField && p.Key != PageLanguage.QueryParameter)
            .SelectMany(p => p.Value.Select(v => (p.Key, Value: v)))
            .Select(p => $"""<input type="hidden" name="{HtmlPage.E(p.Key)}" value="{HtmlPage.E(p.Value)}">"""));
        var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value).Where(q => q.Key != PageLanguage.QueryParameter)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        var body = $"""
            {PageLanguage.SwitchLink(context, language, QueryHelpers.AddQueryString(context.Request.Path.ToString(), query))}
            <h1>{HtmlPage.E(t.Title)}</h1>
            <p>{HtmlPage.E(t.Question)}</p>
            <form method="post" action="{HtmlPage.E(OidcPaths.EndSession)}">
            {fields}<input type="hidden" name="{EndSessionEndpoint.ConfirmField}" value="1">
            <p><button type="submit">{HtmlPage.E(t.LogOut)}</button> <a href="/">{HtmlPage.E(t.Stay)}</a></p>
            </form>
            """;
        var result = HtmlPage.Result(context, t.Title, body, StatusCodes.Status200OK, language);

        // The answer may end at the client's post-logout URI straight away: browsers apply form-action to that redirect too.
        var redirect = returnUrl is null ? string.Empty : " " + CspSource.ForOrigin(returnUrl);
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'{redirect}; frame-ancestors 'none'; base-uri 'none'";
        return result;
    }

    private sealed record Texts(string Title, string Question, string LogOut, string Stay);

    private static readonly Texts Danish = new(
        "Log ud", "En tjeneste har bedt om at logge dig ud. Vil du logge ud af NemLog-in og alle tjenester, du er logget ind på i denne browser?",
        "Log ud", "Forbliv logget ind");

    private static readonly Texts English = new(
        "Log out", "A service asked to log you out. Do you want to log out of NemLog-in and every service you are logged in to in this browser?",
        "Log out", "Stay logged in");
}
