using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Validation;

/// <summary>
/// Applies SAML 2.0 and OIOSAML 3 rules to a received LogoutResponse (SAML Core 3.7.2, Profiles 4.4). Each rule is one method
/// throwing its <see cref="SamlErrorCode"/>. The status is reported, not judged: a failed logout is a valid answer.
/// </summary>
public static class LogoutResponseValidator
{
    /// <summary>
    /// HTTP-Redirect: the query signature is required (SAML Bindings 3.4.4.1). <paramref name="expectedInResponseTo"/> is the ID of
    /// the request sent, or null when the caller finds the request from InResponseTo itself (which must then be present).
    /// </summary>
    public static Valid<ValidatedLogoutResponse> ValidateRedirect(
        RedirectMessage message, ReceivedMessage<LogoutResponse> response, string? expectedInResponseTo, LogoutValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);

        LogoutRules.ValidateRedirectMessageIs(message, "SAMLResponse", response);
        LogoutRules.ValidateRedirectSignature(message, context);
        return ValidateResponse(response.Message, message.RelayState, expectedInResponseTo, context);
    }

    /// <summary>HTTP-POST: the enveloped XML signature on the LogoutResponse root is required (SAML Bindings 3.5.4).</summary>
    public static Valid<ValidatedLogoutResponse> ValidatePost(
        ReceivedMessage<LogoutResponse> response, string? relayState, string? expectedInResponseTo, LogoutValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);

        LogoutRules.ValidateRelayState(relayState);
        LogoutRules.ValidateXmlSignature(response, context);
        return ValidateResponse(response.Message, relayState, expectedInResponseTo, context);
    }

    private static Valid<ValidatedLogoutResponse> ValidateResponse(
        LogoutResponse response, string? relayState, string? expectedInResponseTo, LogoutValidationContext context)
    {
        LogoutRules.ValidateIssuer(response.Issuer, response.IssuerFormat, context);
        LogoutRules.ValidateIssueInstant(response.IssueInstant, context);
        LogoutRules.ValidateDestination(response.Destination, context);
        ValidateInResponseTo(response, expectedInResponseTo);
        return new Valid<ValidatedLogoutResponse>(new ValidatedLogoutResponse(response, relayState));
    }

    // SAML Profiles 4.4.4.2: the response answers the request sent; one that names none answers nothing.
    private static void ValidateInResponseTo(LogoutResponse response, string? expected)
    {
        if (string.IsNullOrWhiteSpace(response.InResponseTo)
            || (expected is not null && !string.Equals(response.InResponseTo, expected, StringComparison.Ordinal)))
        {
            throw new SamlException(SamlErrorCode.InResponseToMismatch, "InResponseTo is not a logout request this party sent.");
        }
    }
}
