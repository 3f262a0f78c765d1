using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Logout;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// The single logout endpoint <c>/saml/slo</c>, both bindings: decode with caps, then a LogoutRequest (an SP logs out) or a
/// LogoutResponse (a participant answers the broker's request) goes to its handler.
/// </summary>
internal sealed class SloEndpoint(
    SloRequestHandler requests,
    SloResponseHandler responses,
    BrowserSessions sessions,
    IdentityProviderInfo idp,
    LogoutAudit audit)
{
    private const string SamlRequest = "SAMLRequest";
    private const string SamlResponse = "SAMLResponse";

    /// <summary>Marks a LogoutRequest the broker's own page posted again (see <see cref="ResendSameSite"/>); it is resent once only.</summary>
    private const string ResentField = "NemLoginResent";

    public async Task<IResult> HandleRedirectAsync(HttpContext context)
    {
        RedirectMessage message;
        try
        {
            message = RedirectBinding.Decode(context.Request.QueryString.Value ?? string.Empty, SamlLimits.Default);
        }
        catch (SamlException ex)
        {
            return SloRefusal.Show(context, AuditActions.LogoutRequest, ex, null, audit);
        }

        return message.ParameterName == SamlRequest
            ? await requests.HandleRedirectAsync(context, message)
            : await responses.HandleRedirectAsync(context, message);
    }

    public async Task<IResult> HandlePostAsync(HttpContext context)
    {
        PostedMessage posted;
        try
        {
            posted = await SamlFrontChannel.ReadPostAsync(context, SamlRequest, SamlResponse);
        }
        catch (SamlException ex)
        {
            var answer = context.Request.HasFormContentType && context.Request.Form.ContainsKey(SamlResponse);
            return SloRefusal.Show(context, answer ? AuditActions.LogoutResponse : AuditActions.LogoutRequest, ex, null, audit);
        }

        if (posted.Parameter == SamlResponse)
        {
            return await responses.HandlePostAsync(context, posted.Xml, posted.RelayState);
        }

        // A LogoutRequest posted from the SP's site is cross-site: the browser keeps the broker's SameSite=Lax cookie back,
        // so the broker could not tell its own session's browser from any other. Posted once more from the broker's own
        // page, the request is same-site and the cookie comes along.
        if (posted.Form[ResentField].Count == 0 && sessions.Read(context) is null)
        {
            return ResendSameSite(context, posted.Encoded, posted.RelayState);
        }

        return await requests.HandlePostAsync(context, posted.Xml, posted.RelayState);
    }

    private IResult ResendSameSite(HttpContext context, string samlRequest, string? relayState)
    {
        var fields = new List<PostFormField> { PostFormField.Text(SamlRequest, samlRequest), PostFormField.Text(ResentField, "1") };
        if (relayState is not null)
        {
            fields.Add(PostFormField.Text("RelayState", relayState));
        }

        // Nothing has been validated yet: the page posts nowhere but back to this endpoint.
        return PostBindingPage.Show(context, idp.SingleLogoutUrl, fields);
    }
}
