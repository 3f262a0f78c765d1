using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Login;
using NemLogin.Gateway.Pages;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Signing;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Replay;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// The SSO endpoint: decode with caps, read, find the SP, validate (signature with the SP's registered keys, ACS from
/// its registration), record the request ID against replay, then hand the demand to the login coordinator.
/// A request that fails any of this gets an error page: the broker never posts to an address it has not verified. A
/// trusted request that asks for what the broker cannot give (a NameID format, an authentication context, a profile, a
/// response binding) is answered with a signed status Response to its verified ACS, as SAML Core 3.2.2.2 expects.
/// </summary>
internal sealed class SsoEndpoint(
    ServiceProviderCatalog catalog,
    IdentityProviderInfo idp,
    LoginCoordinator coordinator,
    SamlResponder responder,
    SamlFrontChannel frontChannel,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<SsoEndpoint> logger)
{

    public async Task<IResult> HandleRedirectAsync(HttpContext context)
    {
        string? issuer = null;
        try
        {
            var message = RedirectBinding.Decode(context.Request.QueryString.Value ?? string.Empty, SamlLimits.Default);
            var request = AuthnRequestXml.Read(message.Xml, SamlLimits.Default);
            issuer = request.Message.Issuer;
            var sp = await catalog.FindIssuerAsync(issuer);
            var verdict = AuthnRequestValidator.ValidateRedirect(message, request, Context(sp));
            return await ContinueAsync(context, sp, verdict);
        }
        catch (SamlException ex)
        {
            return Refuse(context, ex, issuer);
        }
    }

    public async Task<IResult> HandlePostAsync(HttpContext context)
    {
        string? issuer = null;
        try
        {
            var posted = await SamlFrontChannel.ReadPostAsync(context, "SAMLRequest");
            var request = AuthnRequestXml.Read(posted.Xml, SamlLimits.Default);
            issuer = request.Message.Issuer;
            var sp = await catalog.FindIssuerAsync(issuer);
            var verdict = AuthnRequestValidator.ValidatePost(request, posted.RelayState, Context(sp));
            return await ContinueAsync(context, sp, verdict);
        }
        catch (SamlException ex)
        {
            return Refuse(context, ex, issuer);
        }
    }

    private AuthnRequestValidationContext Context(RegisteredServiceProvider sp) => new()
    {
        IdentityProviderEntityId = idp.EntityId,
        SingleSignOnUrls = [idp.SingleSignOnUrl],
        TrustedSigningCertificates = sp.SigningCertificates,
        RegisteredAssertionConsumerServices = sp.AssertionConsumerServices,
        Now = time.GetUtcNow(),
    };

    private async Task<IResult> ContinueAsync(HttpContext context, RegisteredServiceProvider sp, AuthnRequestVerdict verdict)
    {
        // Recorded only now, after the signature checks, so forged requests cannot burn a real SP's IDs; a refused request's
        // ID too, so a replay of it is an error page like any other replay.
        if (!await frontChannel.FirstUseAsync("saml-authnrequest", sp.EntityId, verdict.Request.Id))
        {
            throw new SamlException(SamlErrorCode.RequestReplayed, "This request was already used.");
        }

        return await verdict.Match(
            accepted => coordinator.BeginAsync(context, Demand(sp, accepted.Value)),
            refused => responder.SendRefusalAsync(context, sp, refused));
    }

    private static LoginDemand Demand(RegisteredServiceProvider sp, ValidatedAuthnRequest valid) => new(
        sp,
        valid.Request.Id,
        valid.AssertionConsumerServiceUrl,
        valid.RelayState,
        Loa.Required(valid.Request.RequestedAuthnContext?.ClassRefs, sp.Registration.MinimumLoa),
        valid.Request.ForceAuthn,
        valid.Request.IsPassive,
        valid.Request.NameIdPolicyFormat)
    {
        OffersOrganisations = valid.Request.RequestedAuthnContext?.ClassRefs.Contains(SamlConstants.OioSaml.ProfileProfessional) == true,
    };

    private IResult Refuse(HttpContext context, SamlException ex, string? issuer)
    {
        Log.SamlRequestRefused(logger, ex.Code.ToString(), issuer, ex.Message);
        audit.Record(context, new AuditEvent(AuditCategory.Refusal, AuditActions.AuthnRequest, AuditOutcome.Refused)
        {
            // The issuer as the request claimed it: an unknown or forged one is what an auditor wants to see.
            Actor = issuer,
            ServiceProvider = issuer,
            Code = ex.Code.StableName(),
        });
        var (status, title) = ex.Code switch
        {
            SamlErrorCode.IssuerUnknown => (StatusCodes.Status400BadRequest, "Unknown service"),
            SamlErrorCode.AcsUrlNotRegistered => (StatusCodes.Status400BadRequest, "Unknown return address"),
            SamlErrorCode.RequestReplayed => (StatusCodes.Status400BadRequest, "This login request was already used"),
            _ => (StatusCodes.Status400BadRequest, "The login request could not be accepted"),
        };
        return ErrorPage.Show(context, status, ex.Code.StableName(), title, ex.Message);
    }
}
