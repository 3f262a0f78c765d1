using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>
/// Applies SAML 2.0 and OIOSAML 3 rules to a received AuthnRequest. Each rule is one method throwing its
/// <see cref="SamlErrorCode"/>; the structure was checked by the reader (including Version 2.0, SAML Core 4.1.2).
/// </summary>
public static class AuthnRequestValidator
{
    private static readonly HashSet<string> AcceptedNameIdFormats = new(StringComparer.Ordinal)
    {
        SamlConstants.NameIdFormats.Persistent,
        SamlConstants.NameIdFormats.Transient,
        SamlConstants.NameIdFormats.Unspecified,
    };

    private static readonly HashSet<string> AcceptedClassRefs = new(StringComparer.Ordinal)
    {
        SamlConstants.OioSaml.LoaLow,
        SamlConstants.OioSaml.LoaSubstantial,
        SamlConstants.OioSaml.LoaHigh,
        SamlConstants.OioSaml.ProfilePerson,
        SamlConstants.OioSaml.ProfileProfessional,
    };

    /// <summary>HTTP-Redirect: the query signature is required; an XML signature inside is ignored (SAML Bindings 3.4.4.1).</summary>
    public static Valid<ValidatedAuthnRequest> ValidateRedirect(
        RedirectMessage message,
        ReceivedMessage<AuthnRequest> request,
        AuthnRequestValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        ValidateRedirectMessageIsTheRequest(message, request);
        ValidateRedirectSignature(message, context);
        return ValidateRequest(request.Message, message.RelayState, context);
    }

    /// <summary>HTTP-POST: the enveloped XML signature on the AuthnRequest root is required (SAML Bindings 3.5.4).</summary>
    public static Valid<ValidatedAuthnRequest> ValidatePost(
        ReceivedMessage<AuthnRequest> request,
        string? relayState,
        AuthnRequestValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);

        ValidateRelayState(relayState);
        ValidateXmlSignature(request, context);
        return ValidateRequest(request.Message, relayState, context);
    }

    private static Valid<ValidatedAuthnRequest> ValidateRequest(
        AuthnRequest request, string? relayState, AuthnRequestValidationContext context)
    {
        ValidateId(request);
        ValidateIssuer(request);
        ValidateIssueInstant(request, context);
        ValidateDestination(request, context);
        ValidateProtocolBinding(request);
        var acsUrl = AssertionConsumerServiceSelector.Select(request, context.RegisteredAssertionConsumerServices);
        ValidateNameIdPolicy(request);
        var requestedAuthnContext = ValidateRequestedAuthnContext(request);

        return new Valid<ValidatedAuthnRequest>(
            new ValidatedAuthnRequest(request with { RequestedAuthnContext = requestedAuthnContext }, acsUrl, relayState));
    }

    // SAML Bindings 3.4.4.1: the query signature covers the encoded message; it must be the message that was read.
    private static void ValidateRedirectMessageIsTheRequest(RedirectMessage message, ReceivedMessage<AuthnRequest> request)
    {
        if (message.ParameterName != "SAMLRequest" || !string.Equals(message.Xml, request.SourceXml, StringComparison.Ordinal))
        {
            throw new SamlException(SamlErrorCode.SignatureInvalid, "The redirect message is not the request that was read.");
        }
    }

    // OIOSAML 3.0.3: AuthnRequests are always signed; SAML Bindings 3.4.4.1 for HTTP-Redirect.
    private static void ValidateRedirectSignature(RedirectMessage message, AuthnRequestValidationContext context)
    {
        if (message.Signature is null || message.SigAlg is null)
        {
            throw new SamlException(SamlErrorCode.SignatureMissing, "The redirect request carries no query signature.");
        }

        RedirectBinding.VerifySignature(message, context.TrustedSigningCertificates, context.SignaturePolicy, context.Now);
    }

    // OIOSAML 3.0.3: AuthnRequests are always signed; SAML Bindings 3.5.4 for HTTP-POST (enveloped, on the root).
    private static void ValidateXmlSignature(ReceivedMessage<AuthnRequest> request, AuthnRequestValidationContext context)
    {
        if (!XmlSignatureVerifier.HasSignature(request.Root))
        {
            throw new SamlException(SamlErrorCode.SignatureMissing, "The posted request carries no XML signature.");
        }

        XmlSignatureVerifier.Verify(request.Root, context.TrustedSigningCertificates, context.SignaturePolicy, context.Now);
    }

    // SAML Bindings 3.5.3: RelayState at most 80 bytes (the redirect binding caps it while decoding).
    private static void ValidateRelayState(string? relayState)
    {
        if (relayState is not null
            && System.Text.Encoding.UTF8.GetByteCount(relayState) > SamlLimits.Default.MaxRelayStateBytes)
        {
            throw new SamlException(SamlErrorCode.RelayStateTooLong, "RelayState is longer than 80 bytes.");
        }
    }

    // SAML Core 3.2.1: ID is required; it is what the response's InResponseTo and the replay record refer to.
    private static void ValidateId(AuthnRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Id))
        {
            throw new SamlException(SamlErrorCode.RequestIdMissing, "The request has no ID.");
        }
    }

    // SAML Profiles 4.1.4.1: Issuer present, Format omitted or entity; OIOSAML 3.0.3 likewise.
    private static void ValidateIssuer(AuthnRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Issuer))
        {
            throw new SamlException(SamlErrorCode.IssuerMissing, "The request has no Issuer.");
        }

        if (request.IssuerFormat is not null && request.IssuerFormat != SamlConstants.NameIdFormats.Entity)
        {
            throw new SamlException(SamlErrorCode.IssuerFormatInvalid, "The Issuer Format is neither absent nor entity.");
        }
    }

    // SAML Core 1.3.3 time values; OIOSAML 3.0.3 clock skew of 5 minutes; a stale request is not answered.
    private static void ValidateIssueInstant(AuthnRequest request, AuthnRequestValidationContext context)
    {
        if (request.IssueInstant > context.Now + context.ClockSkew)
        {
            throw new SamlException(SamlErrorCode.IssueInstantInvalid, "The request is issued in the future.");
        }

        if (request.IssueInstant < context.Now - context.MaxMessageAge - context.ClockSkew)
        {
            throw new SamlException(SamlErrorCode.IssueInstantInvalid, "The request is too old.");
        }
    }

    // SAML Bindings 3.4.5.2 / 3.5.5.2: a signed request carries Destination, and it must be where it was received.
    private static void ValidateDestination(AuthnRequest request, AuthnRequestValidationContext context)
    {
        if (request.Destination is null || !context.SingleSignOnUrls.Contains(request.Destination, StringComparer.Ordinal))
        {
            throw new SamlException(SamlErrorCode.DestinationMismatch, "The request Destination is not this SSO endpoint.");
        }
    }

    // SAML Profiles 4.1.4.1 / OIOSAML 3.0.3: the response is delivered with HTTP-POST only.
    private static void ValidateProtocolBinding(AuthnRequest request)
    {
        if (request.ProtocolBinding is not null && request.ProtocolBinding != SamlConstants.Bindings.HttpPost)
        {
            throw new SamlException(SamlErrorCode.ProtocolBindingUnsupported, "Only HTTP-POST responses are offered.");
        }
    }

    // SAML Core 3.4.1.1; OIOSAML 3.0.3: persistent (default) or transient identifiers.
    private static void ValidateNameIdPolicy(AuthnRequest request)
    {
        if (request.NameIdPolicyFormat is not null && !AcceptedNameIdFormats.Contains(request.NameIdPolicyFormat))
        {
            throw new SamlException(SamlErrorCode.NameIdPolicyUnsupported, "The requested NameID format is not offered.");
        }
    }

    // SAML Core 3.3.2.2.1; OIOSAML 3.0.3: Comparison "minimum" with NSIS levels or eID profiles. The schema default
    // "exact" is read as "minimum", since an over-achieved level is asserted as achieved.
    private static RequestedAuthnContext? ValidateRequestedAuthnContext(AuthnRequest request)
    {
        if (request.RequestedAuthnContext is not { } requested)
        {
            return null;
        }

        if (requested.Comparison is not ("minimum" or "exact"))
        {
            throw new SamlException(
                SamlErrorCode.AuthnContextUnsupported, $"Comparison '{requested.Comparison}' is not supported.");
        }

        if (requested.ClassRefs.Count == 0 || requested.ClassRefs.Any(r => !AcceptedClassRefs.Contains(r)))
        {
            throw new SamlException(
                SamlErrorCode.AuthnContextUnsupported, "The requested authentication context class is not offered.");
        }

        return requested with { Comparison = "minimum" };
    }
}
