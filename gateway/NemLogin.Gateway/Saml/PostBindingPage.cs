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
    /// Posts <paramref name="base64Message"/> as <paramref name="parameterName"/> (and RelayState) to <paramref name="url"/>, a URL
    /// from the SP's registration. <paramref name="framed"/>: the page runs inside the broker's logout frames.
    /// </summary>
    public static IResult Show(HttpContext context, string url, string parameterName, string base64Message, string? relayState, bool framed = false)
    {
        var fields = new List<KeyValuePair<string, string>> { new(parameterName, base64Message) };
        if (relayState is not null)
        {
            fields.Add(new("RelayState", relayState));
        }

        return Show(context, url, fields, framed);
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="url"/> (a registered endpoint, or the broker's own).</summary>
    public static IResult Show(HttpContext context, string url, IReadOnlyList<KeyValuePair<string, string>> fields, bool framed = false)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        HtmlPage.NoStore(context);
        // The form may post only to the registered endpoint, written so that no character of it can add a directive; the
        // only script is the auto-submit, allowed by nonce; inside the logout frames only the broker may frame the page.
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; form-action {CspSource.ForUrl(url)}; "
            + $"frame-ancestors {(framed ? "'self'" : "'none'")}; base-uri 'none'";
        return TypedResults.Content(PostBinding.RenderAutoPostForm(url, fields, nonce), "text/html; charset=utf-8");
    }
}
