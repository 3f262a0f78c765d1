using System.Collections.Immutable;
using NemLogin.Grains;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Errors;
using NemLogin.Grains.OrganisationIdps;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.Upstream.Organisations;

/// <summary>
/// Turns an organisation IdP's SAML metadata into a registration: read and checked by the SAML library (signing certificate
/// valid now and at least RSA-2048 or P-256, a SingleSignOnService, https off loopback), then an HTTP-Redirect SSO endpoint
/// is required (the broker sends its signed AuthnRequests that way). Every defect is a <see cref="GrainRuleException"/>
/// with an <c>organisation.idp-*</c> code; the SAML library's code is kept in the message.
/// </summary>
internal static class OrganisationIdpMetadata
{
    public static OrganisationIdpRegistration Read(
        string metadataXml, LevelOfAssurance maxLoa, bool notified, IEnumerable<string> emailDomains, bool requireEncryption, DateTimeOffset now)
    {
        IdentityProviderMetadata metadata;
        try
        {
            var read = MetadataReader.ReadIdentityProvider(metadataXml, SamlLimits.Default);
            // http is accepted on loopback only: nobody else can reach such an endpoint (the embedded demo, tests).
            metadata = MetadataValidator.ValidateIdentityProvider(read, now, allowHttpLoopback: true).Value;
        }
        catch (SamlException ex)
        {
            throw new GrainRuleException(BrokerErrors.Name(ErrorFor(ex.Code)), $"{ex.Code.StableName()}: {ex.Message}");
        }

        var sso = metadata.SingleSignOnServices.FirstOrDefault(s => s.Binding == SamlConstants.Bindings.HttpRedirect)
            ?? throw new GrainRuleException(BrokerErrors.Name(BrokerError.OrganisationIdpEndpointInvalid),
                "The IdP has no SingleSignOnService with the HTTP-Redirect binding.");
        return new OrganisationIdpRegistration(
            metadata.EntityId,
            [.. metadata.SigningCertificates.Select(c => c.RawData)],
            sso.Location,
            sso.Binding,
            maxLoa,
            notified,
            [.. emailDomains],
            requireEncryption);
    }

    private static BrokerError ErrorFor(SamlErrorCode code) => code switch
    {
        SamlErrorCode.MetadataCertificateMissing or SamlErrorCode.MetadataCertificateExpired or SamlErrorCode.MetadataKeyTooSmall
            or SamlErrorCode.MetadataKeyUnsupported => BrokerError.OrganisationIdpCertificateInvalid,
        SamlErrorCode.MetadataEndpointInsecure or SamlErrorCode.MetadataAcsMissing => BrokerError.OrganisationIdpEndpointInvalid,
        _ => BrokerError.OrganisationIdpMetadataInvalid,
    };

    /// <summary>The registered certificates as the SAML library takes them.</summary>
    public static ImmutableArray<System.Security.Cryptography.X509Certificates.X509Certificate2> Certificates(OrganisationIdpRegistration registration) =>
        [.. registration.SigningCertificates.Select(d => System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(d))];
}
