using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.ClusterTls;

namespace NemLogin.Silo.Certificates;

/// <summary>
/// A small private CA for the cluster's own TLS: it certifies silos, gateways and the stores, and nothing else trusts it.
/// Keys are ECDSA P-256 made here (the gateways' key-ring certificate RSA 3072, which XML encryption needs); the CA signs node certificates directly (no intermediates), so a node trusts exactly
/// one certificate.
/// </summary>
internal static class ClusterCertificateAuthority
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static X509Certificate2 CreateCa(string subject, TimeSpan validity, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        // pathLenConstraint 0: the CA can certify nodes, never another CA.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        return request.CreateSelfSigned(now - ClockSkew, now + validity);
    }

    /// <summary>A certificate for a node of <paramref name="role"/>, its names in the subject alternative name.</summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, AsymmetricAlgorithm nodeKey, CertificateRole role, string name,
        IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses, TimeSpan validity, TimeProvider time)
    {
        var subject = new X500DistinguishedName($"CN={name}, OU={role.ToString().ToLowerInvariant()}");
        var request = nodeKey switch
        {
            ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("Only ECDSA and RSA keys are issued.", nameof(nodeKey)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (role == CertificateRole.KeyRing)
        {
            // Wraps the key ring's keys (XML encryption, RSA-OAEP); signs nothing and serves no TLS.
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, true));
        }
        else
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(Usages(role), false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        var now = time.GetUtcNow();
        var notAfter = now + validity < ca.NotAfter ? now + validity : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        if (nodeKey is ECDsa)
        {
            return request.Create(ca, now - ClockSkew, notAfter, SerialNumber());
        }

        // An RSA certificate under the ECDSA CA: the CA's key signs through a generator of its own algorithm.
        using var caKey = ca.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The CA certificate has no ECDSA private key.");
        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now - ClockSkew, notAfter, SerialNumber());
    }

    private static OidCollection Usages(CertificateRole role) => role switch
    {
        CertificateRole.Silo => ClusterKeyUsages.For(ClusterRole.Silo),
        CertificateRole.Gateway => ClusterKeyUsages.For(ClusterRole.Gateway),
        // PostgreSQL and Redis only serve: their certificate can never be presented as a silo's or a gateway's.
        CertificateRole.Store => [ClusterKeyUsages.ServerAuthentication],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    // RFC 5280 4.1.2.2: positive, at most 20 octets, unpredictable.
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
