using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.ServiceProviders;
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

    public static RegisteredServiceProvider From(ServiceProviderRegistration registration) => new(
        registration,
        [.. registration.SigningCertificates.Select(X509CertificateLoader.LoadCertificate)],
        [.. registration.EncryptionCertificates.Select(X509CertificateLoader.LoadCertificate)],
        [.. registration.AssertionConsumerServices.Select(e => new EndpointInfo(e.Binding, e.Location, e.Index, e.IsDefault))]);
}
