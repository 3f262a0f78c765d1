using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>
/// Applies SAML 2.0 and OIOSAML 3 rules to a received AuthnRequest, one method per rule, in two stages. Trust: signature
/// with the registered keys, ID, Issuer, IssueInstant, Destination and the ACS from the registration; a failure throws its
/// <see cref="SamlErrorCode"/> and the request gets an error page, since nothing proves where an answer could go. Then
/// what the request asks for: a rule broken there gives a verdict refused with its SAML status (SAML Core 3.2.2.2), which
/// the broker posts to the verified ACS. The structure was checked by the reader (including Version 2.0, SAML Core 4.1.2).
/// </summary>
public static class AuthnRequestValidator
{
    private static readonly HashSet<string> AcceptedNameIdFormats = new(StringComparer.Ordinal)
    {
        SamlConstants.NameIdFormats.Persistent,
        SamlConstants.NameIdFormats.Transient,
        SamlConstants.NameIdFormats.Unspecified,
    };

    private static readonly HashSet<string> LevelClassRefs = new(StringComparer.Ordinal)
    {
        SamlConstants.OioSaml.LoaLow,
        SamlConstants.OioSaml.LoaSubstantial,
        SamlConstants.OioSaml.LoaHigh,
    };

    private static readonly HashSet<string> ProfileClassRefs = new(StringComparer.Ordinal)
    {
        SamlConstants.OioSaml.ProfilePerson,
        SamlConstants.OioSaml.ProfileProfessional,
    };

    /// <summary>HTTP-Redirect: the query signature is required; an XML signature inside is ignored (SAML Bindings 3.4.4.1).</summary>
    public static AuthnRequestVerdict ValidateRedirect(
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
    public static AuthnRequestVerdict ValidatePost(
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

    private static AuthnRequestVerdict ValidateRequest(
        AuthnRequest request, string? relayState, AuthnRequestValidationContext context)
    {
        ValidateId(request);
        ValidateIssuer(request);
        ValidateIssueInstant(request, context);
        ValidateDestination(request, context);
        var acsUrl = AssertionConsumerServiceSelector.Select(request, context.RegisteredAssertionConsumerServices);

        // From here the request is the SP's own and the ACS its registered one: what it asks for is answered with a status.
        var refusal = ValidateProtocolBinding(request)
            ?? ValidateNameIdPolicy(request)
            ?? ValidateRequestedAuthnContext(request)
            ?? ValidateAttributeProfile(request, context);
        if (refusal is { } r)
        {
            return new AuthnRequestVerdict(new Valid<RefusedAuthnRequest>(
                new RefusedAuthnRequest(request, acsUrl, relayState, r.Reason, r.Status, r.SubStatus, r.Message)));
        }

        // OIOSAML 3.0.3: the schema default "exact" is read as "minimum", since an over-achieved level is asserted as achieved.
        var normalised = request.RequestedAuthnContext is { } requested ? requested with { Comparison = "minimum" } : null;
        return new AuthnRequestVerdict(new Valid<ValidatedAuthnRequest>(
            new ValidatedAuthnRequest(request with { RequestedAuthnContext = normalised }, acsUrl, relayState)));
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

    // SAML Profiles 4.1.4.1 / OIOSAML 3.0.3: the response is delivered with HTTP-POST only; SAML Core 3.2.2.2 UnsupportedBinding.
    private static (SamlErrorCode Reason, string Status, string SubStatus, string Message)? ValidateProtocolBinding(AuthnRequest request) =>
        request.ProtocolBinding is not null && request.ProtocolBinding != SamlConstants.Bindings.HttpPost
            ? (SamlErrorCode.ProtocolBindingUnsupported, SamlConstants.StatusCodes.Requester, SamlConstants.StatusCodes.UnsupportedBinding,
                "Only HTTP-POST responses are offered.")
            : null;

    // SAML Core 3.4.1.1: a NameIDPolicy Format the IdP cannot satisfy is answered InvalidNameIDPolicy. OIOSAML 3.0.3 offers
    // persistent (also for unspecified or no policy) and transient identifiers.
    private static (SamlErrorCode Reason, string Status, string SubStatus, string Message)? ValidateNameIdPolicy(AuthnRequest request) =>
        request.NameIdPolicyFormat is not null && !AcceptedNameIdFormats.Contains(request.NameIdPolicyFormat)
            ? (SamlErrorCode.NameIdPolicyUnsupported, SamlConstants.StatusCodes.Requester, SamlConstants.StatusCodes.InvalidNameIdPolicy,
                "The requested NameID format is not offered; persistent and transient are.")
            : null;

    // SAML Core 3.3.2.2.1: a requested context the IdP cannot satisfy is answered NoAuthnContext. OIOSAML 3.0.3: Comparison
    // "minimum" (or the schema default "exact") with NSIS levels and eID profiles as class refs; decl refs are not offered.
    private static (SamlErrorCode Reason, string Status, string SubStatus, string Message)? ValidateRequestedAuthnContext(AuthnRequest request)
    {
        if (request.RequestedAuthnContext is not { } requested)
        {
            return null;
        }

        if (requested.Comparison is not ("minimum" or "exact"))
        {
            return NoAuthnContext(SamlErrorCode.AuthnContextUnsupported, $"Comparison '{requested.Comparison}' is not supported.");
        }

        return requested.ClassRefs.Count == 0 || requested.ClassRefs.Any(r => !LevelClassRefs.Contains(r) && !ProfileClassRefs.Contains(r))
            ? NoAuthnContext(SamlErrorCode.AuthnContextUnsupported, "The requested authentication context class is not offered.")
            : null;
    }

    // OIOSAML 3.0.3: the attribute profile is requested as a class ref; with Comparison "minimum" any listed profile will do,
    // so the request is refused only when it names profiles and the broker offers none of them (never a citizen assertion
    // to an SP that asked for a professional one).
    private static (SamlErrorCode Reason, string Status, string SubStatus, string Message)? ValidateAttributeProfile(
        AuthnRequest request, AuthnRequestValidationContext context)
    {
        var profiles = request.RequestedAuthnContext?.ClassRefs.Where(ProfileClassRefs.Contains).ToList() ?? [];
        return profiles.Count > 0 && !profiles.Any(context.OfferedProfiles.Contains)
            ? NoAuthnContext(SamlErrorCode.AttributeProfileNotOffered, "The requested eID attribute profile is not offered.")
            : null;
    }

    // SAML Core 3.2.2.2: NoAuthnContext is a second-level code; the broker is the party that cannot satisfy it (Responder).
    private static (SamlErrorCode Reason, string Status, string SubStatus, string Message) NoAuthnContext(SamlErrorCode reason, string message) =>
        (reason, SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoAuthnContext, message);
}
