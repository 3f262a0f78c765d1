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
    IGrainFactory grains,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<SsoEndpoint> logger)
{
    /// <summary>How long a request ID stays recorded (the Java reference keeps 24 h; the request's own age limit is shorter).</summary>
    private static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(24);

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
            if (!context.Request.HasFormContentType)
            {
                throw new SamlException(SamlErrorCode.MessageMissing, "The POST binding needs a form with SAMLRequest.");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var encoded = form["SAMLRequest"].ToString();
            if (encoded.Length == 0 || form["SAMLRequest"].Count != 1)
            {
                throw new SamlException(SamlErrorCode.MessageMissing, "SAMLRequest is missing or repeated.");
            }

            var relayState = form["RelayState"].Count == 0 ? null : form["RelayState"].ToString();
            if (relayState is not null && System.Text.Encoding.UTF8.GetByteCount(relayState) > SamlLimits.Default.MaxRelayStateBytes)
            {
                throw new SamlException(SamlErrorCode.RelayStateTooLong, "RelayState is longer than 80 bytes.");
            }

            var request = AuthnRequestXml.Read(PostBinding.Decode(encoded, SamlLimits.Default), SamlLimits.Default);
            issuer = request.Message.Issuer;
            var sp = await catalog.FindIssuerAsync(issuer);
            var verdict = AuthnRequestValidator.ValidatePost(request, relayState, Context(sp));
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
        var replayKey = OneTimeIdKey.For("saml-authnrequest", sp.EntityId, verdict.Request.Id);
        if (!await grains.GetGrain<IOneTimeIdGrain>(replayKey).TryUseAsync(time.GetUtcNow() + ReplayWindow))
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
        valid.Request.NameIdPolicyFormat);

    private IResult Refuse(HttpContext context, SamlException ex, string? issuer)
    {
        Log.SamlRequestRefused(logger, ex.Code.ToString(), issuer, ex.Message);
        audit.Record(context, new AuditEvent(AuditCategory.Refusal, AuditActions.AuthnRequest, AuditOutcome.Refused)
        {
            // The issuer as the request claimed it: an unknown or forged one is what an auditor wants to see.
            Actor = issuer,
            ServiceProvider = issuer,
            Code = $"saml.{(int)ex.Code}.{ex.Code}",
        });
        var (status, title) = ex.Code switch
        {
            SamlErrorCode.IssuerUnknown => (StatusCodes.Status400BadRequest, "Unknown service"),
            SamlErrorCode.AcsUrlNotRegistered => (StatusCodes.Status400BadRequest, "Unknown return address"),
            SamlErrorCode.RequestReplayed => (StatusCodes.Status400BadRequest, "This login request was already used"),
            _ => (StatusCodes.Status400BadRequest, "The login request could not be accepted"),
        };
        return ErrorPage.Show(context, status, $"saml.{(int)ex.Code}.{ex.Code}", title, ex.Message);
    }
}
