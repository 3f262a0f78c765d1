using Microsoft.AspNetCore.Http.HttpResults;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Pages and redirects with the simulator's headers applied.</summary>
internal static class SimulatorResults
{
    public static ContentHttpResult Page(HttpContext context, string html, int statusCode = StatusCodes.Status200OK)
    {
        PageHeaders.Apply(context.Response);
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    public static ContentHttpResult ErrorPage(HttpContext context, string message, int statusCode = StatusCodes.Status400BadRequest) =>
        Page(context, SimulatorPages.Error(message), statusCode);

    public static RedirectHttpResult Redirect(HttpContext context, string url)
    {
        PageHeaders.Apply(context.Response);
        return TypedResults.Redirect(url);
    }
}
