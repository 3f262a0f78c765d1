using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Gateway.Admin;

/// <summary>Turns a <see cref="MetadataSourceRequest"/> into a source, or names the first defect with its own code.</summary>
internal static class MetadataSourceRequestReader
{
    public const string UrlInvalid = "admin.metadata-source.url-invalid";
    public const string CertificateInvalid = "admin.metadata-source.certificate-invalid";
    public const string CertificateExpired = "admin.metadata-source.certificate-expired";
    public const string IntervalInvalid = "admin.metadata-source.interval-invalid";

    // OIOSAML 3 (and the Java reference): metadata is refreshed between every hour and every twelve hours.
    private static readonly TimeSpan MinInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromHours(12);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(6);

    public static (MetadataSource? Source, IResult? Problem) Read(MetadataSourceRequest request, DateTimeOffset now)
    {
        // Fetched by the broker itself: only TLS, or loopback (tests, a co-located metadata service), so an admin key
        // cannot point the broker at arbitrary plain-text hosts.
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            return Refuse(UrlInvalid, "url must be an absolute https URL (http only on loopback), without credentials.");
        }

        var interval = request.RefreshInterval ?? DefaultInterval;
        if (interval < MinInterval || interval > MaxInterval)
        {
            return Refuse(IntervalInvalid, "refreshInterval must be between 01:00:00 and 12:00:00.");
        }

        byte[]? der = null;
        if (!string.IsNullOrWhiteSpace(request.SigningCertificate))
        {
            if (Load(request.SigningCertificate) is not { } certificate)
            {
                return Refuse(CertificateInvalid, "signingCertificate must be a base64 DER or PEM X.509 certificate.");
            }

            using (certificate)
            {
                if (new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) < now)
                {
                    return Refuse(CertificateExpired, "The metadata signing certificate has expired.");
                }

                der = certificate.RawData;
            }
        }

        return (new MetadataSource(url.AbsoluteUri, der, interval), null);
    }

    private static X509Certificate2? Load(string text)
    {
        try
        {
            return text.Contains("-----BEGIN", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static (MetadataSource?, IResult?) Refuse(string code, string detail) => (null, AdminProblems.Invalid(code, detail));
}
