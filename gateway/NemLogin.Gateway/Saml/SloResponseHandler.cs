using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Logout;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Replay;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// A participant's answer to the broker's LogoutRequest, arriving in its frame on the progress page: validated like any
/// message (signature with the SP's registered keys, Issuer, Destination, timing), then recorded in the logout flow its
/// InResponseTo names, for that participant only and only once.
/// </summary>
internal sealed class SloResponseHandler(
    ServiceProviderCatalog catalog,
    IdentityProviderInfo idp,
    IssuedIds ids,
    LogoutAudit audit,
    SamlFrontChannel frontChannel,
    IGrainFactory grains,
    TimeProvider time)
{

    public async Task<IResult> HandleRedirectAsync(HttpContext context, RedirectMessage message)
    {
        string? issuer = null;
        try
        {
            var received = LogoutResponseXml.Read(message.Xml, SamlLimits.Default);
            issuer = received.Message.Issuer;
            var sp = await catalog.FindIssuerAsync(issuer);
            return await RecordAsync(context, sp, LogoutResponseValidator.ValidateRedirect(message, received, null, idp.LogoutValidation(sp, time.GetUtcNow())));
        }
        catch (SamlException ex)
        {
            return SloRefusal.Show(context, AuditActions.LogoutResponse, ex, issuer, audit);
        }
    }

    public async Task<IResult> HandlePostAsync(HttpContext context, string xml, string? relayState)
    {
        string? issuer = null;
        try
        {
            var received = LogoutResponseXml.Read(xml, SamlLimits.Default);
            issuer = received.Message.Issuer;
            var sp = await catalog.FindIssuerAsync(issuer);
            return await RecordAsync(context, sp, LogoutResponseValidator.ValidatePost(received, relayState, null, idp.LogoutValidation(sp, time.GetUtcNow())));
        }
        catch (SamlException ex)
        {
            return SloRefusal.Show(context, AuditActions.LogoutResponse, ex, issuer, audit);
        }
    }

    private async Task<IResult> RecordAsync(HttpContext context, RegisteredServiceProvider sp, Valid<ValidatedLogoutResponse> valid)
    {
        var response = valid.Value.Response;
        if (!LogoutRequestIds.TryParse(response.InResponseTo, out var flowToken, out var index)
            || !ids.TryRead(IssuedIdPurpose.LogoutFlow, flowToken, out var flowId))
        {
            throw new SamlException(SamlErrorCode.InResponseToMismatch, "InResponseTo names no logout request of the broker.");
        }

        // Recorded after the signature checks, so a forged response cannot burn a real SP's response IDs.
        if (!await frontChannel.FirstUseAsync("saml-logoutresponse", sp.EntityId, response.Id))
        {
            throw new SamlException(SamlErrorCode.ResponseReplayed, "This logout response was already used.");
        }

        var status = response.IsSuccess ? LogoutTargetStatus.LoggedOut : LogoutTargetStatus.Failed;
        if (!await grains.Reference<ILogoutFlowGrain>(flowId).RecordAnswerAsync(index, sp.EntityId, status))
        {
            throw new SamlException(SamlErrorCode.InResponseToMismatch, "InResponseTo names no pending logout request to this service provider.");
        }

        audit.Answered(context, SessionReference.For(flowId), sp.EntityId, status);
        return LogoutPages.Framed(context, status == LogoutTargetStatus.LoggedOut ? "Logged out of this service." : "This service could not log out.");
    }
}
