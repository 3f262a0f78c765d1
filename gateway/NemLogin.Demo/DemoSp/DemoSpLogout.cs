using Microsoft.AspNetCore.DataProtection;
using NemLogin.Gateway.Saml;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Validation;

namespace NemLogin.Demo.DemoSp;

/// <summary>
/// The demo SP's single logout, over HTTP-Redirect like its login: "Log out" ends its own session and sends the broker a
/// signed LogoutRequest; <c>/demo-sp/slo</c> takes the broker's LogoutResponse, or a LogoutRequest when another service
/// started the logout, and answers it signed.
/// </summary>
internal static class DemoSpLogout
{
    public static async Task<IResult> LogoutAsync(
        HttpContext context, DemoServiceProvider sp, DemoSpKeys keys, DemoSpRegistrar registrar, IdentityProviderInfo idp,
        IDataProtectionProvider protection, TimeProvider time)
    {
        await registrar.Registered;
        var login = DemoSpCookies.Read<DemoLogin>(context, protection, DemoSpCookies.User);
        DemoSpCookies.Delete(context, DemoSpCookies.User);
        if (login is null)
        {
            return TypedResults.Redirect("/demo-sp/");
        }

        var request = new LogoutRequest
        {
            IssueInstant = time.GetUtcNow(),
            Destination = idp.SingleLogoutUrl,
            Issuer = sp.EntityId,
            Reason = "urn:oasis:names:tc:SAML:2.0:logout:user",
            NameId = login.NameId,
            NameIdFormat = login.NameIdFormat,
            SessionIndexes = login.SessionIndex is null ? [] : [login.SessionIndex],
        };
        DemoSpCookies.Write(context, protection, DemoSpCookies.PendingLogout, request.Id);
        var url = await RedirectBinding.BuildUrlAsync(
            idp.SingleLogoutUrl, "SAMLRequest", LogoutRequestXml.Write(request), "demo", new RsaSamlSigner(keys.Certificate), context.RequestAborted);
        return TypedResults.Redirect(url);
    }

    public static async Task<IResult> SingleLogoutAsync(
        HttpContext context, DemoServiceProvider sp, DemoSpKeys keys, IdpMetadataService idpMetadata,
        IDataProtectionProvider protection, TimeProvider time, ILogger<DemoServiceProvider> logger)
    {
        try
        {
            var message = RedirectBinding.Decode(context.Request.QueryString.Value ?? string.Empty, SamlLimits.Default);
            // Like any SP, trust comes from the IdP's metadata (here read in-process rather than fetched).
            var idp = MetadataReader.ReadIdentityProvider(await idpMetadata.GetAsync(context.RequestAborted), SamlLimits.Default);
            var validation = new LogoutValidationContext
            {
                ExpectedIssuer = idp.EntityId,
                Destinations = [sp.SloUrl],
                TrustedSigningCertificates = idp.SigningCertificates,
                Now = time.GetUtcNow(),
            };
            return message.ParameterName == "SAMLResponse"
                ? Finish(context, protection, message, validation)
                : await AnswerAsync(context, sp, keys, protection, message, validation, idp);
        }
        catch (SamlException ex)
        {
            Log.DemoSpRefused(logger, ex.Code.ToString(), ex.Message);
            return TypedResults.Redirect("/demo-sp/?error=" + Uri.EscapeDataString($"{ex.Code}: {ex.Message}"));
        }
    }

    private static IResult Finish(HttpContext context, IDataProtectionProvider protection, RedirectMessage message, LogoutValidationContext validation)
    {
        var pendingId = DemoSpCookies.Read<string>(context, protection, DemoSpCookies.PendingLogout);
        DemoSpCookies.Delete(context, DemoSpCookies.PendingLogout);
        var received = LogoutResponseXml.Read(message.Xml, SamlLimits.Default);
        // Without a pending logout nothing was asked; an InResponseTo of "" can never match a response's.
        var response = LogoutResponseValidator.ValidateRedirect(message, received, pendingId ?? string.Empty, validation).Value.Response;
        var outcome = response.SubStatusCode is { } sub ? sub[(sub.LastIndexOf(':') + 1)..] : response.StatusCode[(response.StatusCode.LastIndexOf(':') + 1)..];
        return TypedResults.Redirect("/demo-sp/?logout=" + Uri.EscapeDataString(outcome));
    }

    private static async Task<IResult> AnswerAsync(
        HttpContext context, DemoServiceProvider sp, DemoSpKeys keys, IDataProtectionProvider protection,
        RedirectMessage message, LogoutValidationContext validation, IdentityProviderMetadata idp)
    {
        var received = LogoutRequestXml.Read(message.Xml, SamlLimits.Default);
        var request = LogoutRequestValidator.ValidateRedirect(message, received, validation).Value;
        var login = DemoSpCookies.Read<DemoLogin>(context, protection, DemoSpCookies.User);

        // SAML Core 3.7.3.1: log out the principal named; a browser showing someone else keeps its session.
        var known = login is null || string.Equals(login.NameId, request.Request.NameId, StringComparison.Ordinal);
        if (login is not null && known)
        {
            DemoSpCookies.Delete(context, DemoSpCookies.User);
        }

        var sloUrl = idp.SingleLogoutServices.FirstOrDefault(e => e.Binding == SamlConstants.Bindings.HttpRedirect)?.Location
            ?? throw new SamlException(SamlErrorCode.SloEndpointNotRegistered, "The broker's metadata lists no HTTP-Redirect SLO endpoint.");
        var response = new LogoutResponse
        {
            InResponseTo = request.Request.Id,
            IssueInstant = validation.Now,
            Destination = sloUrl,
            Issuer = sp.EntityId,
            StatusCode = known ? SamlConstants.StatusCodes.Success : SamlConstants.StatusCodes.Requester,
            SubStatusCode = known ? null : SamlConstants.StatusCodes.UnknownPrincipal,
        };
        var url = await RedirectBinding.BuildUrlAsync(
            sloUrl, "SAMLResponse", LogoutResponseXml.Write(response), request.RelayState, new RsaSamlSigner(keys.Certificate), context.RequestAborted);
        return TypedResults.Redirect(url);
    }
}
