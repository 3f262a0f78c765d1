using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>Rules on a decrypted assertion (SAML Profiles 4.1.4.2–4.1.4.3, OIOSAML Web SSO Profile 3.0.3).</summary>
internal static class AssertionValidator
{
    public static Valid<SamlAssertion> Validate(XmlElement assertionElement, ResponseValidationContext context)
    {
        // The signature is checked before anything in the assertion is read, and the reader then reads that same element.
        ValidateAssertionSignature(assertionElement, context);
        var assertion = AssertionReader.Read(assertionElement);

        ValidateIssuer(assertion, context);
        var nameId = ValidateSubject(assertion);
        ValidateBearerConfirmations(assertion, context);
        ValidateConditions(assertion, context);
        ValidateAudience(assertion, context);
        var authn = ValidateAuthnStatement(assertion, context);
        var attributes = ValidateAttributeStatement(assertion);

        return new Valid<SamlAssertion>(new SamlAssertion
        {
            Id = assertion.Id,
            Issuer = assertion.Issuer,
            NameId = nameId,
            NameIdFormat = assertion.NameIdFormat ?? SamlConstants.NameIdFormats.Unspecified,
            SessionIndex = authn.SessionIndex,
            AuthnInstant = authn.AuthnInstant,
            SessionNotOnOrAfter = authn.SessionNotOnOrAfter,
            AuthenticatingAuthorities = authn.AuthenticatingAuthorities,
            AuthnContextClassRef = authn.ClassRef,
            Attributes = attributes,
            NotBefore = assertion.NotBefore!.Value,
            NotOnOrAfter = assertion.NotOnOrAfter!.Value,
            Audiences = [.. assertion.AudienceRestrictions.SelectMany(r => r).Distinct(StringComparer.Ordinal)],
        });
    }

    // OIOSAML 3.0.3: the assertion itself is signed; a Response signature alone never vouches for it.
    private static void ValidateAssertionSignature(XmlElement assertionElement, ResponseValidationContext context)
    {
        if (!XmlSignatureVerifier.HasSignature(assertionElement))
        {
            throw new SamlException(SamlErrorCode.SignatureMissing, "The assertion is not signed.");
        }

        XmlSignatureVerifier.Verify(
            assertionElement, context.IdentityProviderSigningCertificates, context.SignaturePolicy, context.Now);
    }

    // SAML Profiles 4.1.4.2: the assertion Issuer is the IdP, Format omitted or entity.
    private static void ValidateIssuer(AssertionContent assertion, ResponseValidationContext context)
    {
        if (assertion.IssuerFormat is not null && assertion.IssuerFormat != SamlConstants.NameIdFormats.Entity)
        {
            throw new SamlException(SamlErrorCode.IssuerFormatInvalid, "The assertion Issuer Format is neither absent nor entity.");
        }

        if (!string.Equals(assertion.Issuer, context.IdentityProviderEntityId, StringComparison.Ordinal))
        {
            throw new SamlException(SamlErrorCode.IssuerMismatch, "The assertion is not from the expected IdP.");
        }
    }

    // SAML Profiles 4.1.4.2; OIOSAML 3.0.3: the Subject holds one NameID (the reader refused comments inside it).
    private static string ValidateSubject(AssertionContent assertion) =>
        string.IsNullOrEmpty(assertion.NameId)
            ? throw new SamlException(SamlErrorCode.SubjectNameIdMissing, "The assertion Subject has no NameID.")
            : assertion.NameId;

    // SAML Profiles 4.1.4.2–4.1.4.3: bearer SubjectConfirmationData with Recipient = ACS, NotOnOrAfter in the future,
    // InResponseTo = the request, and no NotBefore.
    private static void ValidateBearerConfirmations(AssertionContent assertion, ResponseValidationContext context)
    {
        var bearers = assertion.SubjectConfirmations.Where(c => c.Method == SamlConstants.BearerConfirmation).ToList();
        if (bearers.Count == 0)
        {
            throw new SamlException(SamlErrorCode.SubjectConfirmationInvalid, "The assertion has no bearer SubjectConfirmation.");
        }

        foreach (var bearer in bearers)
        {
            if (!bearer.HasData || bearer.NotOnOrAfter is null || bearer.NotBefore is not null)
            {
                throw new SamlException(
                    SamlErrorCode.SubjectConfirmationInvalid, "Bearer data must carry NotOnOrAfter and must not carry NotBefore.");
            }

            if (!string.Equals(bearer.Recipient, context.AssertionConsumerServiceUrl, StringComparison.Ordinal))
            {
                throw new SamlException(SamlErrorCode.RecipientMismatch, "The bearer Recipient is not this ACS.");
            }

            if (bearer.NotOnOrAfter <= context.Now - context.ClockSkew)
            {
                throw new SamlException(SamlErrorCode.AssertionExpired, "The bearer confirmation has expired.");
            }

            ResponseValidator.ValidateInResponseTo(bearer.InResponseTo, context);
        }
    }

    // SAML Core 2.5.1.2; OIOSAML 3.0.3: Conditions with NotBefore and NotOnOrAfter, checked with the clock skew.
    private static void ValidateConditions(AssertionContent assertion, ResponseValidationContext context)
    {
        if (!assertion.HasConditions || assertion.NotBefore is null || assertion.NotOnOrAfter is null)
        {
            throw new SamlException(SamlErrorCode.ConditionsInvalid, "The assertion lacks Conditions NotBefore/NotOnOrAfter.");
        }

        // SAML Core 2.5.1.1: a condition the relying party does not understand makes the assertion indeterminate.
        if (assertion.UnknownConditionCount > 0)
        {
            throw new SamlException(SamlErrorCode.ConditionsInvalid, "The assertion holds a condition this SP does not understand.");
        }

        if (assertion.NotBefore > context.Now + context.ClockSkew)
        {
            throw new SamlException(SamlErrorCode.AssertionNotYetValid, "The assertion is not yet valid.");
        }

        if (assertion.NotOnOrAfter <= context.Now - context.ClockSkew)
        {
            throw new SamlException(SamlErrorCode.AssertionExpired, "The assertion has expired.");
        }
    }

    // SAML Core 2.5.1.4: every AudienceRestriction must name this SP; OIOSAML 3.0.3 requires one.
    private static void ValidateAudience(AssertionContent assertion, ResponseValidationContext context)
    {
        if (assertion.AudienceRestrictions.Count == 0
            || assertion.AudienceRestrictions.Any(r => !r.Contains(context.ServiceProviderEntityId, StringComparer.Ordinal)))
        {
            throw new SamlException(SamlErrorCode.AudienceMismatch, "The assertion is not addressed to this SP.");
        }
    }

    // OIOSAML 3.0.3: exactly one AuthnStatement; SAML Profiles 4.1.4.2: a session that has ended is not used.
    private static AuthnStatementContent ValidateAuthnStatement(AssertionContent assertion, ResponseValidationContext context)
    {
        if (assertion.AuthnStatements.Count != 1)
        {
            throw new SamlException(
                SamlErrorCode.AuthnStatementInvalid, $"The assertion holds {assertion.AuthnStatements.Count} AuthnStatements; expected one.");
        }

        var statement = assertion.AuthnStatements[0];
        if (statement.SessionNotOnOrAfter <= context.Now - context.ClockSkew)
        {
            throw new SamlException(SamlErrorCode.AuthnStatementInvalid, "The authentication session has ended.");
        }

        return statement;
    }

    // OIOSAML 3.0.3: exactly one AttributeStatement; each attribute once.
    private static Dictionary<string, IReadOnlyList<string>> ValidateAttributeStatement(AssertionContent assertion)
    {
        if (assertion.AttributeStatementCount != 1)
        {
            throw new SamlException(
                SamlErrorCode.AttributeStatementInvalid,
                $"The assertion holds {assertion.AttributeStatementCount} AttributeStatements; expected one.");
        }

        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var attribute in assertion.Attributes)
        {
            if (!attributes.TryAdd(attribute.Name, attribute.Values))
            {
                throw new SamlException(SamlErrorCode.AttributeStatementInvalid, "An attribute appears twice.");
            }
        }

        return attributes;
    }
}
