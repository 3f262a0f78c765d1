using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// The certificate that encrypts the gateways' shared data-protection key ring at rest (<c>DataProtection:CertificatePath</c>
/// and <c>DataProtection:KeyPath</c>, PEM; the key encrypted with <c>ClusterTls:KeyPassword</c> when that is set). Without
/// it the key ring lies in Redis as plain XML: whoever reads Redis (a backup, a replica's disk) could forge every cookie
/// and antiforgery token. Every gateway holds the same certificate and key (<c>certs issue --role keyring</c>).
/// </summary>
public static class KeyRingCertificate
{
    public const string Section = "DataProtection";

    /// <summary>The certificate with its RSA key, or null when none is configured; problems name the setting at fault.</summary>
    public static (X509Certificate2? Certificate, IReadOnlyList<string> Problems) Load(IConfiguration configuration, bool required)
    {
        var certificatePath = configuration[$"{Section}:CertificatePath"];
        var keyPath = configuration[$"{Section}:KeyPath"];
        if (string.IsNullOrWhiteSpace(certificatePath) && string.IsNullOrWhiteSpace(keyPath))
        {
            return (null, required
                ? ["DataProtection:CertificatePath and DataProtection:KeyPath are required outside Development: the key ring must not lie in Redis unencrypted."]
                : []);
        }

        if (string.IsNullOrWhiteSpace(certificatePath) || string.IsNullOrWhiteSpace(keyPath))
        {
            return (null, ["DataProtection:CertificatePath and DataProtection:KeyPath go together."]);
        }

        try
        {
            var password = configuration["ClusterTls:KeyPassword"];
            var certificate = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);
            using var rsa = certificate.GetRSAPrivateKey();
            if (rsa is null)
            {
                certificate.Dispose();
                return (null, ["DataProtection:CertificatePath has no RSA key: XML encryption of the key ring needs RSA (certs issue --role keyring)."]);
            }

            return (certificate, []);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return (null, [$"DataProtection:CertificatePath/KeyPath could not be read: {ex.GetType().Name}."]);
        }
    }
}
