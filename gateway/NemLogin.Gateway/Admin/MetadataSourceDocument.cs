using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Gateway.Admin;

internal sealed record MetadataSourceDocument(string Url, CertificateDocument? SigningCertificate, TimeSpan RefreshInterval)
{
    public static MetadataSourceDocument From(MetadataSource source) => new(
        source.Url,
        source.SigningCertificate is { } der ? CertificateDocument.From(der) : null,
        source.RefreshInterval);
}
