using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Gateway.Admin;

/// <summary>What an administrator needs to recognise a certificate: subject, validity and SHA-256 thumbprint.</summary>
internal sealed record CertificateDocument(string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Sha256Thumbprint)
{
    public static CertificateDocument From(byte[] der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return new CertificateDocument(
            certificate.Subject,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
            Convert.ToHexStringLower(SHA256.HashData(der)));
    }
}
