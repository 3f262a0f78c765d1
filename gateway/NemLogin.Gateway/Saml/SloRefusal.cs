using NemLogin.Gateway.Logout;
using NemLogin.Gateway.Pages;
using NemLogin.Saml;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// A logout message the broker will not act on gets an error page with a stable code and no message to anyone: an answer
/// would go to an address or party the broker has not verified.
/// </summary>
internal static class SloRefusal
{
    public static IResult Show(HttpContext context, string action, SamlException ex, string? issuer, LogoutAudit audit)
    {
        audit.Refused(context, action, ex.Code, issuer, ex.Message);
        var title = ex.Code switch
        {
            SamlErrorCode.IssuerUnknown => "Unknown service",
            SamlErrorCode.SloEndpointNotRegistered => "The service has no logout address",
            SamlErrorCode.RequestReplayed or SamlErrorCode.ResponseReplayed => "This logout message was already used",
            _ => "The logout message could not be accepted",
        };
        return ErrorPage.Show(context, StatusCodes.Status400BadRequest, ex.Code.StableName(), title, ex.Message);
    }
}
