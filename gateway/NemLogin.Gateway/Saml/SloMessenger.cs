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

    private static IResult Post(HttpContext context, string url, string parameter, string xml, string? relayState, bool framed) =>
        PostBindingPage.ShowMessage(context, url, parameter, xml, relayState, framed);
}
