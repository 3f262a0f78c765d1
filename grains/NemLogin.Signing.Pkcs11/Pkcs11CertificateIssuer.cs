using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// Issues the certificate of a key pair in the token — signed by the token, so no private key moves — and stores it as a
/// CKO_CERTIFICATE with the key's CKA_ID and label. A signing key certifies itself. An encryption key cannot sign (key
/// separation), so its certificate is issued by the token's current SAML signing key. The trust-services work will issue
/// from the broker's CA instead; peers only need the certificate to carry the public key (OIOSAML 3 metadata).
/// </summary>
internal static class Pkcs11CertificateIssuer
{
    // Covers clock differences between the broker and SPs that check NotBefore.
    private static readonly TimeSpan BackDating = TimeSpan.FromMinutes(5);

    /// <summary>What a new certificate says about its key, and who signs it.</summary>
    public sealed record Request(
        IObjectHandle PublicKey, string Label, byte[] CkaId, string Subject, X509KeyUsageFlags Usage, DateTimeOffset Now, TimeSpan Validity);

    /// <summary>The key that signs a certificate: its private key handle, and its certificate unless it certifies itself.</summary>
    public sealed record Issuer(IObjectHandle PrivateKey, X509Certificate2? Certificate);

    public static X509Certificate2 Issue(ISession session, Pkcs11InteropFactories factories, Request request, Issuer issuer)
    {
        var name = new X500DistinguishedName(request.Subject);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);

        using var subjectKey = PublicKeyOf(session, request.PublicKey, request.Label);
        var certificateRequest = subjectKey switch
        {
            RSA rsa => new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(name, ec, HashAlgorithmName.SHA256),
            _ => throw new InvalidOperationException($"Key '{request.Label}' is neither RSA nor EC P-256."),
        };
        certificateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        certificateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(request.Usage, true));
        certificateRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(certificateRequest.PublicKey, false));
        if (issuer.Certificate is not null)
        {
            certificateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        }

        using var issuerKey = issuer.Certificate is null ? null : PublicKeyOf(issuer.Certificate);
        var certificate = certificateRequest.Create(
            issuer.Certificate?.SubjectName ?? name,
            Generator(session, factories, issuer.PrivateKey, issuerKey ?? subjectKey),
            request.Now - BackDating,
            request.Now + request.Validity,
            serial);
        Store(session, factories, certificate, request.Label, request.CkaId);
        return certificate;
    }

    /// <summary>Signs with the issuer's private key in the token; algorithm identifier and public key from its public half.</summary>
    private static HsmSignatureGenerator Generator(ISession session, Pkcs11InteropFactories factories, IObjectHandle privateKey, AsymmetricAlgorithm issuerKey) =>
        issuerKey switch
        {
            RSA rsa => new HsmSignatureGenerator(X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), data =>
            {
                using var mechanism = factories.MechanismFactory.Create(CKM.CKM_SHA256_RSA_PKCS);
                return session.Sign(mechanism, privateKey, data);
            }),
            ECDsa ec => new HsmSignatureGenerator(X509SignatureGenerator.CreateForECDsa(ec), data =>
            {
                using var mechanism = factories.MechanismFactory.Create(CKM.CKM_ECDSA);
                return EcdsaSignatureEncoding.ToDer(session.Sign(mechanism, privateKey, SHA256.HashData(data)));
            }),
            _ => throw new InvalidOperationException("Only RSA and EC P-256 keys issue certificates."),
        };

    private static AsymmetricAlgorithm PublicKeyOf(ISession session, IObjectHandle publicKey, string label)
    {
        var keyType = (CKK)session.GetAttributeValue(publicKey, [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
        switch (keyType)
        {
            case CKK.CKK_RSA:
                var values = session.GetAttributeValue(publicKey, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
                return RSA.Create(new RSAParameters { Modulus = values[0].GetValueAsByteArray(), Exponent = values[1].GetValueAsByteArray() });
            case CKK.CKK_EC:
                return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = EcPoint(session, publicKey) });
            default:
                throw new InvalidOperationException($"Key '{label}' is {keyType}; only RSA and EC P-256 keys get certificates.");
        }
    }

    private static AsymmetricAlgorithm PublicKeyOf(X509Certificate2 certificate) =>
        (AsymmetricAlgorithm?)certificate.GetRSAPublicKey() ?? certificate.GetECDsaPublicKey()
        ?? throw new InvalidOperationException("The issuing certificate holds neither an RSA nor an EC key.");

    // CKA_EC_POINT is the DER encoding of an OCTET STRING holding the uncompressed point 04‖X‖Y (PKCS#11 v2.40 §2.3.3).
    private static ECPoint EcPoint(ISession session, IObjectHandle publicKey)
    {
        var encoded = session.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray();
        var point = new AsnReader(encoded, AsnEncodingRules.DER).ReadOctetString();
        if (point.Length != 65 || point[0] != 0x04)
        {
            throw new InvalidOperationException("The EC public key is not an uncompressed P-256 point.");
        }

        return new ECPoint { X = point[1..33], Y = point[33..] };
    }

    private static void Store(ISession session, Pkcs11InteropFactories factories, X509Certificate2 certificate, string label, byte[] ckaId)
    {
        var a = factories.ObjectAttributeFactory;
        var serial = new AsnWriter(AsnEncodingRules.DER);
        serial.WriteInteger(certificate.SerialNumberBytes.Span);
        using var template = new Pkcs11Template(
        [
            a.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE),
            a.Create(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509),
            a.Create(CKA.CKA_TOKEN, true),
            a.Create(CKA.CKA_PRIVATE, false),
            a.Create(CKA.CKA_LABEL, label),
            a.Create(CKA.CKA_ID, ckaId),
            a.Create(CKA.CKA_SUBJECT, certificate.SubjectName.RawData),
            a.Create(CKA.CKA_ISSUER, certificate.IssuerName.RawData),
            a.Create(CKA.CKA_SERIAL_NUMBER, serial.Encode()),
            a.Create(CKA.CKA_VALUE, certificate.RawData),
        ]);
        session.CreateObject(template.Attributes);
    }
}
