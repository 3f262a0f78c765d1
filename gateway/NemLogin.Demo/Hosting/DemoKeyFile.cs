using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Demo.Hosting;

/// <summary>
/// A demo party's own key pair and self-signed certificate in a PKCS#12 file under the data folder: loaded when it is
/// there and valid for at least another day, made (RSA-2048, two years) otherwise. Real parties hold their keys
/// themselves; these live in the broker process only for the demo.
/// </summary>
internal static class DemoKeyFile
{
    public static X509Certificate2 LoadOrCreate(string path, string subject, X509KeyUsageFlags usage)
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
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, created.Export(X509ContentType.Pkcs12));
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.Exportable);
    }
}
