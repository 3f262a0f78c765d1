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
        var parameter = SamlRequest;
        string xml;
        string? relayState;
        try
        {
            if (!context.Request.HasFormContentType)
            {
                throw new SamlException(SamlErrorCode.MessageMissing, "The POST binding needs a form with SAMLRequest or SAMLResponse.");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var request = form[SamlRequest];
            var response = form[SamlResponse];
            if (request.Count + response.Count != 1)
            {
                throw new SamlException(SamlErrorCode.MessageMissing, "The form must carry exactly one SAMLRequest or SAMLResponse.");
            }

            parameter = request.Count == 1 ? SamlRequest : SamlResponse;
            relayState = form["RelayState"].Count == 0 ? null : form["RelayState"].ToString();
            if (relayState is not null && System.Text.Encoding.UTF8.GetByteCount(relayState) > SamlLimits.Default.MaxRelayStateBytes)
            {
                throw new SamlException(SamlErrorCode.RelayStateTooLong, "RelayState is longer than 80 bytes.");
            }

            // A LogoutRequest posted from the SP's site is cross-site: the browser keeps the broker's SameSite=Lax cookie back,
            // so the broker could not tell its own session's browser from any other. Posted once more from the broker's own
            // page, the request is same-site and the cookie comes along.
            if (parameter == SamlRequest && form[ResentField].Count == 0 && sessions.Read(context) is null)
            {
                return ResendSameSite(context, form[SamlRequest].ToString(), relayState);
            }

            xml = PostBinding.Decode(form[parameter].ToString(), SamlLimits.Default);
        }
        catch (SamlException ex)
        {
            return SloRefusal.Show(context, parameter == SamlRequest ? AuditActions.LogoutRequest : AuditActions.LogoutResponse, ex, null, audit);
        }

        return parameter == SamlRequest
            ? await requests.HandlePostAsync(context, xml, relayState)
            : await responses.HandlePostAsync(context, xml, relayState);
    }

    private IResult ResendSameSite(HttpContext context, string samlRequest, string? relayState)
    {
        var fields = new List<KeyValuePair<string, string>> { new(SamlRequest, samlRequest), new(ResentField, "1") };
        if (relayState is not null)
        {
            fields.Add(new("RelayState", relayState));
        }

        // Nothing has been validated yet: the page posts nowhere but back to this endpoint.
        return PostBindingPage.Show(context, idp.SingleLogoutUrl, fields);
    }
}
