using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Logout;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// The single logout endpoint <c>/saml/slo</c>, both bindings: decode with caps, then a LogoutRequest (an SP logs out) or a
/// LogoutResponse (a participant answers the broker's request) goes to its handler.
/// </summary>
internal sealed class SloEndpoint(SloRequestHandler requests, SloResponseHandler responses, LogoutAudit audit)
{
    private const string SamlRequest = "SAMLRequest";
    private const string SamlResponse = "SAMLResponse";

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
}
