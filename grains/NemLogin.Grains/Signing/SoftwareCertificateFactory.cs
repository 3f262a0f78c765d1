using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Grains.Signing;

/// <summary>Makes the self-signed demo certificates. Their subject says DEMO ONLY so no one mistakes them for real keys.</summary>
internal static class SoftwareCertificateFactory
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(2 * 365);

    // Covers clock differences between the broker and SPs that check NotBefore.
    private static readonly TimeSpan BackDating = TimeSpan.FromMinutes(5);

    public static string CommonName(KeyPurpose purpose) => purpose switch
    {
        KeyPurpose.SamlSigning => "NemLogin.Orleans DEMO ONLY SAML signing",
        KeyPurpose.TokenSigning => "NemLogin.Orleans DEMO ONLY token signing",
        KeyPurpose.SamlEncryption => "NemLogin.Orleans DEMO ONLY SAML encryption",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown key purpose."),
    };

    /// <summary>
    /// A new RSA-2048 key and certificate as an unencrypted PKCS#12 blob. Self-signed, also for the encryption key: this
    /// one signature at creation is the demo's shortcut; the HSM's encryption key never signs (its certificate is issued
    /// by the signing key).
    /// </summary>
    public static byte[] CreatePkcs12(KeyPurpose purpose, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(CommonName(purpose));
        var request = new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            KeyPurposes.Decrypts(purpose) ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        using var certificate = request.CreateSelfSigned(now - BackDating, now + Validity);
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
