using NemLogin.Gateway.Pages;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// The frame of every self-service page: a header landmark with the navigation (mandates, granting, requesting, each
/// organisation the person administers), who is logged in, the logout button and the language link; the page's own content
/// in the one <c>main</c>. Server-rendered, no JavaScript, the broker's strict Content-Security-Policy.
/// </summary>
internal static class SelfServiceLayout
{
    /// <summary>A page for the logged-in person; <paramref name="languagePath"/> is where the language link leads (this page by default).</summary>
    public static IResult Page(SelfServiceRequest request, string title, string body, int statusCode = StatusCodes.Status200OK, string? languagePath = null)
    {
        var text = request.Text;
        var current = request.Http.Request.Path.ToString();
        var links = new List<(string Href, string Label)>
        {
            (SelfServicePaths.Root, text.Mandates),
            (SelfServicePaths.Grant, text.Grant),
            (SelfServicePaths.Request, text.Request),
        };
        links.AddRange(request.Organisations.Select(o => (SelfServicePaths.Organisation(o.Cvr), $"{text.Organisation}: {o.Name}")));
        var navigation = string.Concat(links.Select(l =>
            $"""<li><a href="{E(l.Href)}"{(l.Href == current ? " aria-current=\"page\"" : string.Empty)}>{E(l.Label)}</a></li>"""));
        var header = $"""
            <p><strong>NemLogin &middot; {E(text.Service)}</strong></p>
            <nav aria-label="{E(text.Navigation)}"><ul>{navigation}</ul></nav>
            <div class="session"><p>{E(text.LoggedInAs)} {E(request.User.Name)}</p>
            <form method="post" action="{SelfServicePaths.LogOut}" id="logout">{request.FormToken}<button type="submit">{E(text.LogOut)}</button></form>
            {PageLanguage.SwitchLink(request.Http, request.Language, languagePath)}</div>
            """;
        return HtmlPage.Result(request.Http, title + " - " + text.Service, body, statusCode, request.Language, header);
    }

    /// <summary>
    /// A refusal: what happened, its stable code and the reference (the request's correlation id, also in the audit
    /// record), and the way on. With the person known, in the usual frame.
    /// </summary>
    public static IResult Refusal(HttpContext context, SelfServiceRequest? request, string language, int statusCode, string code, string title, string explanation, bool offerLogin = false)
    {
        var text = SelfServiceText.For(language);
        var way = offerLogin
            ? $"""<p><a href="{SelfServicePaths.Root}">{E(text.LogInAgain)}</a></p>"""
            : $"""<p><a href="{SelfServicePaths.Root}">{E(text.BackToOverview)}</a></p>""";
        var body = $"""
            <h1>{E(title)}</h1>
            <div class="error"><p>{E(explanation)}</p>
            <p>{E(text.ErrorCode)} <span class="code" data-error-code="{E(code)}">{E(code)}</span> &middot; {E(text.Reference)} <span class="code">{E(context.TraceIdentifier)}</span></p></div>
            {way}
            """;
        return request is not null
            ? Page(request, title, body, statusCode, SelfServicePaths.Root)
            : HtmlPage.Result(context, title + " - " + text.Service, PageLanguage.SwitchLink(context, language, SelfServicePaths.Root) + body, statusCode, language);
    }
}
