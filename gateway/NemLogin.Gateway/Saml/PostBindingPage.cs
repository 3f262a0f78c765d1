using System.Security.Cryptography;
using NemLogin.Gateway.Pages;
using NemLogin.Saml.Bindings;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// The page that carries a SAML message to a service provider with the HTTP-POST binding (SAML Bindings 3.5): assertions
/// and status responses to an ACS, logout messages to an SLO endpoint. The one place its Content-Security-Policy is made.
/// </summary>
internal static class PostBindingPage
{
    /// <summary>
    /// Posts the SAML message <paramref name="xml"/> (base64 of its UTF-8 octets) as <paramref name="parameterName"/> (and
    /// RelayState) to <paramref name="url"/>, a URL from the SP's registration. <paramref name="framed"/>: the page runs
    /// inside the broker's logout frames.
    /// </summary>
    public static IResult ShowMessage(HttpContext context, string url, string parameterName, string xml, string? relayState, bool framed = false)
    {
        var fields = new List<PostFormField>(2) { PostFormField.Message(parameterName, xml) };
        if (relayState is not null)
        {
            fields.Add(PostFormField.Text("RelayState", relayState));
        }

        return Show(context, url, fields, framed);
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="url"/> (a registered endpoint, or the broker's own).</summary>
    public static IResult Show(HttpContext context, string url, IReadOnlyList<PostFormField> fields, bool framed = false)
    {
        // Refused here, before any header is set or byte written: an action that is no http(s) URL.
        PostBinding.RequireFormAction(url);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        HtmlPage.NoStore(context);
        // The form may post only to the registered endpoint, written so that no character of it can add a directive; the
        // only script is the auto-submit, allowed by nonce; inside the logout frames only the broker may frame the page.
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; form-action {CspSource.ForUrl(url)}; "
            + $"frame-ancestors {(framed ? "'self'" : "'none'")}; base-uri 'none'";
        return new PageResult(url, fields, nonce);
    }

    /// <summary>Writes the page as UTF-8 straight into the response body (a login's page is tens of kilobytes of base64).</summary>
    private sealed class PageResult(string url, IReadOnlyList<PostFormField> fields, string nonce) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            PostBinding.WriteAutoPostForm(httpContext.Response.BodyWriter, url, fields, nonce);
            await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }
    }
}
