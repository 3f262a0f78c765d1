using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>A registration with its certificates parsed and endpoints in the SAML library's shape.</summary>
internal sealed record RegisteredServiceProvider(
    ServiceProviderRegistration Registration,
    IReadOnlyList<X509Certificate2> SigningCertificates,
    IReadOnlyList<X509Certificate2> EncryptionCertificates,
    IReadOnlyList<EndpointInfo> AssertionConsumerServices)
{
    public string EntityId => Registration.EntityId;

    /// <summary>The data encryption algorithm: the administrator's choice, else the SP metadata's, else AES-256-GCM.</summary>
    public string DataEncryptionAlgorithm =>
        Registration.PolicyDataEncryptionAlgorithm ?? Registration.DataEncryptionAlgorithm ?? EncryptionChoice.DefaultDataAlgorithm;

    /// <summary>
    /// The key transport algorithm: the administrator's choice, else the SP metadata's, else rsa-oaep-mgf1p, the one every
    /// SAML implementation must decrypt (<see cref="EncryptionChoice.DefaultKeyTransportAlgorithm"/>).
    /// </summary>
    public string KeyTransportAlgorithm =>
        Registration.PolicyKeyTransportAlgorithm ?? Registration.KeyTransportAlgorithm ?? EncryptionChoice.DefaultKeyTransportAlgorithm;

    /// <summary>
    /// The NameID format a response carries: the SP's policy when it fixes one (an administrative decision overrides the
    /// request's NameIDPolicy), else transient when asked for, else persistent (OIOSAML 3 default).
    /// </summary>
    public string NameIdFormatFor(string? requested) =>
        Registration.NameIdFormat
        ?? (requested == SamlConstants.NameIdFormats.Transient ? SamlConstants.NameIdFormats.Transient : SamlConstants.NameIdFormats.Persistent);

    public static RegisteredServiceProvider From(ServiceProviderRegistration registration) => new(
        registration,
        [.. registration.SigningCertificates.Select(X509CertificateLoader.LoadCertificate)],
        [.. registration.EncryptionCertificates.Select(X509CertificateLoader.LoadCertificate)],
        [.. registration.AssertionConsumerServices.Select(e => new EndpointInfo(e.Binding, e.Location, e.Index, e.IsDefault))]);
}
