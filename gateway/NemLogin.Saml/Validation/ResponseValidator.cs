using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Encryption;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>
/// The service-provider side of OIOSAML 3 Web SSO (demo SP, tests, load runner): checks a Response and its one encrypted,
/// directly signed assertion. Each rule is one method throwing its <see cref="SamlErrorCode"/>.
/// </summary>
public static class ResponseValidator
{
    public static Valid<SamlAssertion> Validate(string responseXml, ResponseValidationContext context, SamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(context);
        var content = ValidateEnvelope(responseXml, context, limits);
        var encryptedData = ValidateSingleEncryptedAssertion(content);

        var assertionElement = XmlEncryption.Decrypt(encryptedData, context.DecryptionCertificates, limits);
        return AssertionValidator.Validate(assertionElement, context);
    }

    /// <summary>
    /// The same rules for a service provider whose decryption key the library does not hold — the broker toward
    /// organisations' own IdPs, its key in the signer pool: the one assertion may be plain or encrypted, and an encrypted
    /// one is decrypted strictly (<see cref="AssertionDecryption"/>, the content key from <paramref name="unwrapper"/>)
    /// before every check of <see cref="Validate"/> runs on it, its own signature first: a Response signature is verified
    /// when present but never vouches for the assertion. <paramref name="requireEncryption"/> refuses a plain assertion
    /// (EncryptionMissing); without <paramref name="unwrapper"/> an encrypted one is refused (DecryptionKeyMissing).
    /// </summary>
    public static async Task<Valid<SamlAssertion>> ValidateWithKeyStoreAsync(
        string responseXml,
        ResponseValidationContext context,
        IKeyUnwrapper? unwrapper,
        bool requireEncryption,
        SamlLimits limits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(limits);
        var content = ValidateEnvelope(responseXml, context, limits);
        ValidateSingleAssertion(content);
        if (content.Assertions.Count == 1)
        {
            return requireEncryption
                ? throw new SamlException(SamlErrorCode.EncryptionMissing, "The assertion is not encrypted, and this IdP must encrypt it.")
                : AssertionValidator.Validate(content.Assertions[0], context);
        }

        var assertion = unwrapper is null
            ? throw new SamlException(SamlErrorCode.DecryptionKeyMissing, "The assertion is encrypted, and this service provider holds no decryption key.")
            : await AssertionDecryption.DecryptAsync(content.EncryptedAssertions[0], unwrapper, limits, cancellationToken).ConfigureAwait(false);
        return AssertionValidator.Validate(assertion, context);
    }

    private static ResponseContent ValidateEnvelope(string responseXml, ResponseValidationContext context, SamlLimits limits)
    {
        var content = ResponseReader.Read(responseXml, limits);
        var response = content.Received.Message;

        ValidateResponseSignature(content.Received.Root, context);
        ValidateIssuer(response.Issuer, content.IssuerFormat, context);
        ValidateDestination(response, context);
        ValidateInResponseTo(response.InResponseTo, context);
        ValidateStatus(response);
        return content;
    }

    /// <summary>
    /// The decrypted assertion's XML, unvalidated: for verification by an independent tool (xmlsec1) in tests. Nothing is
    /// checked beyond the structure needed to find the one EncryptedAssertion.
    /// </summary>
    public static string DecryptAssertionUnvalidated(
        string responseXml, IReadOnlyList<X509Certificate2> decryptionCertificates, SamlLimits limits)
    {
        var content = ResponseReader.Read(responseXml, limits);
        var encryptedData = ValidateSingleEncryptedAssertion(content);
        return XmlEncryption.Decrypt(encryptedData, decryptionCertificates, limits).OuterXml;
    }

    // SAML Profiles 4.1.4.2: a signed Response must verify; OIOSAML 3.0.3 does not require the Response to be signed.
    private static void ValidateResponseSignature(XmlElement root, ResponseValidationContext context)
    {
        if (XmlSignatureVerifier.HasSignature(root))
        {
            XmlSignatureVerifier.Verify(root, context.IdentityProviderSigningCertificates, context.SignaturePolicy, context.Now);
        }
    }

    // SAML Profiles 4.1.4.2 / OIOSAML 3.0.3: Issuer is the IdP's entity ID, Format omitted or entity.
    private static void ValidateIssuer(string issuer, string? format, ResponseValidationContext context)
    {
        if (issuer.Length == 0)
        {
            throw new SamlException(SamlErrorCode.IssuerMissing, "The response has no Issuer.");
        }

        if (format is not null && format != SamlConstants.NameIdFormats.Entity)
        {
            throw new SamlException(SamlErrorCode.IssuerFormatInvalid, "The response Issuer Format is neither absent nor entity.");
        }

        if (!string.Equals(issuer, context.IdentityProviderEntityId, StringComparison.Ordinal))
        {
            throw new SamlException(SamlErrorCode.IssuerMismatch, "The response is not from the expected IdP.");
        }
    }

    // SAML Bindings 3.5.5.2: Destination must be the endpoint the response was received at.
    private static void ValidateDestination(SamlResponse response, ResponseValidationContext context)
    {
        if (!string.Equals(response.Destination, context.AssertionConsumerServiceUrl, StringComparison.Ordinal))
        {
            throw new SamlException(SamlErrorCode.DestinationMismatch, "The response Destination is not this ACS.");
        }
    }

    // SAML Profiles 4.1.4.3: InResponseTo names the request sent; an unsolicited response names none.
    internal static void ValidateInResponseTo(string? inResponseTo, ResponseValidationContext context)
    {
        if (!string.Equals(inResponseTo, context.ExpectedInResponseTo, StringComparison.Ordinal))
        {
            throw new SamlException(SamlErrorCode.InResponseToMismatch, "InResponseTo is not the request this SP sent.");
        }
    }

    // SAML Core 3.2.2.2: anything but top-level Success carries no usable assertion.
    private static void ValidateStatus(SamlResponse response)
    {
        if (response.StatusCode != SamlConstants.StatusCodes.Success)
        {
            throw new SamlException(
                SamlErrorCode.StatusNotSuccess,
                $"The IdP answered {response.StatusCode}"
                + (response.SubStatusCode is null ? string.Empty : $" / {response.SubStatusCode}")
                + (response.StatusMessage is null ? "." : $": {response.StatusMessage}"));
        }
    }

    // SAML Profiles 4.1.4.2 allows several assertions; the profile takes one, in one form. A signed plain assertion beside
    // an encrypted one is signature wrapping across the decryption boundary: which one would be read?
    private static void ValidateSingleAssertion(ResponseContent content)
    {
        if (content.EncryptedData.Count + content.Assertions.Count != 1)
        {
            throw new SamlException(
                SamlErrorCode.AssertionCountInvalid,
                $"The response holds {content.EncryptedData.Count} encrypted and {content.Assertions.Count} plain assertions; expected one.");
        }
    }

    // OIOSAML 3.0.3: exactly one EncryptedAssertion and no plain Assertion.
    private static XmlElement ValidateSingleEncryptedAssertion(ResponseContent content)
    {
        ValidateSingleAssertion(content);
        return content.EncryptedData.Count == 1
            ? content.EncryptedData[0]
            : throw new SamlException(SamlErrorCode.EncryptionMissing, "The assertion is not encrypted.");
    }
}
