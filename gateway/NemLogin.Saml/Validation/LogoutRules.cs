using System.Text;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>The rules LogoutRequest and LogoutResponse share: signatures, Issuer, IssueInstant, Destination, RelayState.</summary>
internal static class LogoutRules
{
    // SAML Bindings 3.4.4.1: the query signature covers the encoded message; it must be the message that was read.
    public static void ValidateRedirectMessageIs<T>(RedirectMessage message, string parameterName, ReceivedMessage<T> received)
    {
        if (message.ParameterName != parameterName || !string.Equals(message.Xml, received.SourceXml, StringComparison.Ordinal))
        {
            throw new SamlException(SamlErrorCode.SignatureInvalid, "The redirect message is not the message that was read.");
        }
    }

    // OIOSAML 3.0.3: LogoutRequest and LogoutResponse are signed; SAML Bindings 3.4.4.1 for HTTP-Redirect.
    public static void ValidateRedirectSignature(RedirectMessage message, LogoutValidationContext context)
    {
        if (message.Signature is null || message.SigAlg is null)
        {
            throw new SamlException(SamlErrorCode.SignatureMissing, "The redirect message carries no query signature.");
        }

        RedirectBinding.VerifySignature(message, context.TrustedSigningCertificates, context.SignaturePolicy, context.Now);
    }

    // OIOSAML 3.0.3: signed; SAML Bindings 3.5.4 for HTTP-POST (enveloped, on the root element).
    public static void ValidateXmlSignature<T>(ReceivedMessage<T> received, LogoutValidationContext context)
    {
        if (!XmlSignatureVerifier.HasSignature(received.Root))
        {
            throw new SamlException(SamlErrorCode.SignatureMissing, "The posted message carries no XML signature.");
        }

        XmlSignatureVerifier.Verify(received.Root, context.TrustedSigningCertificates, context.SignaturePolicy, context.Now);
    }

    // SAML Bindings 3.5.3: RelayState at most 80 bytes (the redirect binding caps it while decoding).
    public static void ValidateRelayState(string? relayState)
    {
        if (relayState is not null && Encoding.UTF8.GetByteCount(relayState) > SamlLimits.Default.MaxRelayStateBytes)
        {
            throw new SamlException(SamlErrorCode.RelayStateTooLong, "RelayState is longer than 80 bytes.");
        }
    }

    // SAML Profiles 4.4.4.1 / 4.4.4.2: Issuer present and the sender's entity ID; OIOSAML 3: Format omitted or entity.
    public static void ValidateIssuer(string issuer, string? format, LogoutValidationContext context)
    {
        if (string.IsNullOrWhiteSpace(issuer))
        {
            throw new SamlException(SamlErrorCode.IssuerMissing, "The message has no Issuer.");
        }

        if (format is not null && format != SamlConstants.NameIdFormats.Entity)
        {
            throw new SamlException(SamlErrorCode.IssuerFormatInvalid, "The Issuer Format is neither absent nor entity.");
        }

        if (!string.Equals(issuer, context.ExpectedIssuer, StringComparison.Ordinal))
        {
            throw new SamlException(SamlErrorCode.IssuerMismatch, "The Issuer is not the registered party.");
        }
    }

    // SAML Core 1.3.3; OIOSAML 3.0.3 clock skew of 5 minutes; a stale message is not acted on.
    public static void ValidateIssueInstant(DateTimeOffset issueInstant, LogoutValidationContext context)
    {
        if (issueInstant > context.Now + context.ClockSkew)
        {
            throw new SamlException(SamlErrorCode.IssueInstantInvalid, "The message is issued in the future.");
        }

        if (issueInstant < context.Now - context.MaxMessageAge - context.ClockSkew)
        {
            throw new SamlException(SamlErrorCode.IssueInstantInvalid, "The message is too old.");
        }
    }

    // SAML Bindings 3.4.5.2 / 3.5.5.2: a signed message carries Destination, and it must be where it was received.
    public static void ValidateDestination(string? destination, LogoutValidationContext context)
    {
        if (destination is null || !context.Destinations.Contains(destination, StringComparer.Ordinal))
        {
            throw new SamlException(SamlErrorCode.DestinationMismatch, "The Destination is not this single logout endpoint.");
        }
    }
}
