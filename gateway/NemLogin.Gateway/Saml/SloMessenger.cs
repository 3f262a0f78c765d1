using System.Security.Cryptography;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.Signing;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// Sends the broker's signed LogoutRequests and LogoutResponses through the browser: HTTP-Redirect with the query signed
/// (SAML Bindings 3.4.4.1) or HTTP-POST with the XML signed (3.5.4), always to a <see cref="SloTarget"/> taken from the
/// SP's registration.
/// </summary>
internal sealed class SloMessenger(BrokerSigningKeys keys)
{
    public async Task<IResult> SendRequestAsync(HttpContext context, SloTarget target, LogoutRequest request, bool framed)
    {
        var signer = await keys.GetSamlSignerAsync(context.RequestAborted);
        return target.Binding == SamlConstants.Bindings.HttpRedirect
            ? Redirect(context, await RedirectBinding.BuildUrlAsync(
                target.Url, "SAMLRequest", LogoutRequestXml.Write(request), null, signer, context.RequestAborted))
            : Post(context, target.Url, "SAMLRequest", await LogoutRequestXml.WriteSignedAsync(request, signer, context.RequestAborted), null, framed);
    }

    public async Task<IResult> SendResponseAsync(HttpContext context, SloTarget target, LogoutResponse response, string? relayState, bool framed)
    {
        var signer = await keys.GetSamlSignerAsync(context.RequestAborted);
        return target.Binding == SamlConstants.Bindings.HttpRedirect
            ? Redirect(context, await RedirectBinding.BuildUrlAsync(
                target.Url, "SAMLResponse", LogoutResponseXml.Write(response), relayState, signer, context.RequestAborted))
            : Post(context, target.Url, "SAMLResponse", await LogoutResponseXml.WriteSignedAsync(response, signer, context.RequestAborted), relayState, framed);
    }

    private static IResult Redirect(HttpContext context, string url)
    {
        HtmlPage.NoStore(context);
        return TypedResults.Redirect(url);
    }

    private static IResult Post(HttpContext context, string url, string parameter, string xml, string? relayState, bool framed)
    {
        var fields = new List<KeyValuePair<string, string>> { new(parameter, PostBinding.Encode(xml)) };
        if (relayState is not null)
        {
            fields.Add(new("RelayState", relayState));
        }

        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        HtmlPage.NoStore(context);
        // The form may post only to the registered endpoint; inside the logout page's frames the page may be framed by the broker only.
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; form-action {CspSource(url)}; "
            + $"frame-ancestors {(framed ? "'self'" : "'none'")}; base-uri 'none'";
        return TypedResults.Content(PostBinding.RenderAutoPostForm(url, fields, nonce), "text/html; charset=utf-8");
    }

    /// <summary>A URL as a CSP source: no query (CSP matches paths only) and no character that would end the directive.</summary>
    public static string CspSource(string url) =>
        new Uri(url).GetLeftPart(UriPartial.Path).Replace(";", "%3B", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
