using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Gateway.Admin;

/// <summary>One SP as the admin API shows it: what its metadata said, the policy, and the metadata source.</summary>
internal sealed record ServiceProviderDetails(
    string EntityId,
    bool Enabled,
    long Version,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<EndpointDocument> AssertionConsumerServices,
    IReadOnlyList<EndpointDocument> SingleLogoutServices,
    IReadOnlyList<CertificateDocument> SigningCertificates,
    IReadOnlyList<CertificateDocument> EncryptionCertificates,
    string? RequestedDataEncryptionAlgorithm,
    string? RequestedKeyTransportAlgorithm,
    PolicyDocument Policy,
    MetadataSourceDocument? MetadataSource)
{
    public static ServiceProviderDetails From(ServiceProviderRegistration r) => new(
        r.EntityId,
        r.Enabled,
        r.Version,
        r.RegisteredAt,
        [.. r.AssertionConsumerServices.Select(EndpointDocument.From)],
        [.. r.SingleLogoutServices.Select(EndpointDocument.From)],
        [.. r.SigningCertificates.Select(CertificateDocument.From)],
        [.. r.EncryptionCertificates.Select(CertificateDocument.From)],
        r.DataEncryptionAlgorithm,
        r.KeyTransportAlgorithm,
        PolicyDocument.From(ServiceProviderPolicy.Of(r)),
        r.MetadataSource is { } source ? MetadataSourceDocument.From(source) : null);
}
