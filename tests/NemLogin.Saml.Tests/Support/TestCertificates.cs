using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Tests.Support;

/// <summary>Throwaway self-signed RSA certificates (with private key) for tests.</summary>
public static class TestCertificates
{
    public static X509Certificate2 CreateRsa(
        string subject,
        int bits = 2048,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(bits);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddYears(1);
        using var created = request.CreateSelfSigned(from, to);

        // Re-import through PKCS#12 so the key is usable on every platform (ephemeral keys are not on some).
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>A self-signed certificate for an EC key on <paramref name="curve"/> (public key only).</summary>
    public static X509Certificate2 CreateEc(string subject, ECCurve curve)
    {
        using var key = ECDsa.Create(curve);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadCertificate(created.RawData);
    }
}
