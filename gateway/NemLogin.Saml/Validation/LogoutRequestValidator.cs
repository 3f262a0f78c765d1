using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Validation;

/// <summary>
/// Applies SAML 2.0 and OIOSAML 3 rules to a received LogoutRequest (SAML Core 3.7.1, Profiles 4.4). Each rule is one method
/// throwing its <see cref="SamlErrorCode"/>; the structure was checked by the reader.
/// </summary>
public static class LogoutRequestValidator
{
    /// <summary>HTTP-Redirect: the query signature is required; an XML signature inside is ignored (SAML Bindings 3.4.4.1).</summary>
    public static Valid<ValidatedLogoutRequest> ValidateRedirect(
        RedirectMessage message, ReceivedMessage<LogoutRequest> request, LogoutValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        LogoutRules.ValidateRedirectMessageIs(message, "SAMLRequest", request);
        LogoutRules.ValidateRedirectSignature(message, context);
        return ValidateRequest(request.Message, message.RelayState, context);
    }

    /// <summary>HTTP-POST: the enveloped XML signature on the LogoutRequest root is required (SAML Bindings 3.5.4).</summary>
    public static Valid<ValidatedLogoutRequest> ValidatePost(
        ReceivedMessage<LogoutRequest> request, string? relayState, LogoutValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        LogoutRules.ValidateRelayState(relayState);
        LogoutRules.ValidateXmlSignature(request, context);
        return ValidateRequest(request.Message, relayState, context);
    }

    private static Valid<ValidatedLogoutRequest> ValidateRequest(
        LogoutRequest request, string? relayState, LogoutValidationContext context)
    {
        ValidateId(request);
        LogoutRules.ValidateIssuer(request.Issuer, request.IssuerFormat, context);
        LogoutRules.ValidateIssueInstant(request.IssueInstant, context);
        LogoutRules.ValidateDestination(request.Destination, context);
        ValidateNotOnOrAfter(request, context);
        ValidateNameId(request);
        return new Valid<ValidatedLogoutRequest>(new ValidatedLogoutRequest(request, relayState));
    }

    // SAML Core 3.2.1: ID is required; it is what the LogoutResponse's InResponseTo and the replay record refer to.
    private static void ValidateId(LogoutRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Id))
        {
            throw new SamlException(SamlErrorCode.RequestIdMissing, "The request has no ID.");
        }
    }

    // SAML Core 3.7.1: a request past its NotOnOrAfter must be discarded (with the profile's clock skew).
    private static void ValidateNotOnOrAfter(LogoutRequest request, LogoutValidationContext context)
    {
        if (request.NotOnOrAfter is { } until && context.Now >= until + context.ClockSkew)
        {
            throw new SamlException(SamlErrorCode.RequestExpired, "The request is past its NotOnOrAfter.");
        }
    }

    // SAML Core 3.7.1: the principal is named; an empty NameID names nobody.
    private static void ValidateNameId(LogoutRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.NameId))
        {
            throw new SamlException(SamlErrorCode.SubjectNameIdMissing, "The request names no principal.");
        }
    }
}
