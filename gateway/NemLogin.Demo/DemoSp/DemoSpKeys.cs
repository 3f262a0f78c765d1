using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Demo.DemoSp;

/// <summary>
/// The demo service provider's own key pair (signing its requests, decrypting our assertions), created on first start
/// in the data folder. A real SP holds its keys itself; this one lives in the broker process only for the demo.
/// </summary>
internal sealed class DemoSpKeys
{
    private readonly Lazy<X509Certificate2> _certificate;

    public DemoSpKeys(IOptions<BrokerOptions> options)
    {
        var path = Path.Combine(options.Value.DataDirectory, "demo-sp", "demo-sp.pfx");
        _certificate = new Lazy<X509Certificate2>(() => LoadOrCreate(path));
    }

    public X509Certificate2 Certificate => _certificate.Value;

    private static X509Certificate2 LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.Exportable);
            if (existing.NotAfter > DateTime.UtcNow.AddDays(1))
            {
                return existing;
            }
        }

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=NemLogin.Orleans demo service provider (DEMO ONLY)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, created.Export(X509ContentType.Pkcs12));
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.Exportable);
    }
}
