using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.Pages;

/// <summary>
/// The page a person sees when the broker cannot (or must not) answer a service provider: an unknown SP, a bad
/// signature, an unregistered ACS URL, an expired login. It names a stable code and the request's correlation id.
/// </summary>
internal static class ErrorPage
{
    public static IResult Show(HttpContext context, int statusCode, string code, string title, string explanation)
    {
        var body = $"""
            <h1>{E(title)}</h1>
            <div class="error"><p>{E(explanation)}</p>
            <p>Error code <span class="code" data-error-code="{E(code)}">{E(code)}</span> &middot; reference <span class="code">{E(context.TraceIdentifier)}</span></p></div>
            <p>Go back to the service you came from and try again. If it keeps happening, give the service's support the code and reference above.</p>
            """;
        return HtmlPage.Result(context, title, body, statusCode);
    }
}
