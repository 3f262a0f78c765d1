using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Logout;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains.Replay;
using NemLogin.Grains.Sessions;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// An SP-initiated logout: read, find the SP, validate (signature with its registered keys only, Issuer, Destination,
/// timing), require a registered SLO endpoint for the answer, record the request ID against replay, then end the session.
/// Any failure before that is an error page and changes nothing.
/// </summary>
internal sealed class SloRequestHandler(
    ServiceProviderCatalog catalog,
    IdentityProviderInfo idp,
    LogoutStarter starter,
    LogoutAudit audit,
    SamlFrontChannel frontChannel,
    TimeProvider time)
{

    public async Task<IResult> HandleRedirectAsync(HttpContext context, RedirectMessage message)
    {
        string? issuer = null;
        try
        {
            var received = LogoutRequestXml.Read(message.Xml, SamlLimits.Default);
            issuer = received.Message.Issuer;
            var sp = await catalog.FindIssuerAsync(issuer);
            return await ContinueAsync(context, sp, LogoutRequestValidator.ValidateRedirect(message, received, idp.LogoutValidation(sp, time.GetUtcNow())));
        }
        catch (SamlException ex)
        {
            return SloRefusal.Show(context, AuditActions.LogoutRequest, ex, issuer, audit);
        }
    }

    public async Task<IResult> HandlePostAsync(HttpContext context, string xml, string? relayState)
    {
        string? issuer = null;
        try
        {
            var received = LogoutRequestXml.Read(xml, SamlLimits.Default);
            issuer = received.Message.Issuer;
            var sp = await catalog.FindIssuerAsync(issuer);
            return await ContinueAsync(context, sp, LogoutRequestValidator.ValidatePost(received, relayState, idp.LogoutValidation(sp, time.GetUtcNow())));
        }
        catch (SamlException ex)
        {
            return SloRefusal.Show(context, AuditActions.LogoutRequest, ex, issuer, audit);
        }
    }

    private async Task<IResult> ContinueAsync(HttpContext context, RegisteredServiceProvider sp, Valid<ValidatedLogoutRequest> valid)
    {
        var request = valid.Value.Request;

        // OIOSAML 3: the answer goes only to an SLO endpoint from the SP's registration; without one there is nobody to answer.
        var answerTo = SloEndpointSelector.ForResponses(sp.Registration)
            ?? throw new SamlException(SamlErrorCode.SloEndpointNotRegistered, "The service provider registered no single logout endpoint.");

        // Recorded only now, after the signature checks, so forged requests cannot burn a real SP's IDs.
        if (!await frontChannel.FirstUseAsync("saml-logoutrequest", sp.EntityId, request.Id))
        {
            throw new SamlException(SamlErrorCode.RequestReplayed, "This logout request was already used.");
        }

        var initiator = new LogoutInitiator(sp.EntityId, request.Id, valid.Value.RelayState, answerTo.Binding, answerTo.Url);
        return await starter.FromServiceProviderAsync(context, request, initiator);
    }
}
