using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// Issues a self-signed certificate for a key pair in the token — signed by the token, so the private key never moves —
/// and stores it as a CKO_CERTIFICATE with the key's CKA_ID and label. The trust-services work will issue from the
/// broker's CA instead; SPs only need the certificate to carry the public key (OIOSAML 3 metadata).
/// </summary>
internal static class Pkcs11CertificateIssuer
{
    // Covers clock differences between the broker and SPs that check NotBefore.
    private static readonly TimeSpan BackDating = TimeSpan.FromMinutes(5);

    public static X509Certificate2 Issue(
        ISession session, Pkcs11InteropFactories factories, IObjectHandle privateKey, IObjectHandle publicKey,
        string label, byte[] ckaId, string subject, DateTimeOffset now, TimeSpan validity)
    {
        var keyType = (CKK)session.GetAttributeValue(privateKey, [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
        var name = new X500DistinguishedName(subject);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);

        X509Certificate2 certificate;
        if (keyType == CKK.CKK_RSA)
        {
            var values = session.GetAttributeValue(publicKey, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
            using var rsa = RSA.Create(new RSAParameters { Modulus = values[0].GetValueAsByteArray(), Exponent = values[1].GetValueAsByteArray() });
            var request = Request(new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            var generator = new HsmSignatureGenerator(X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), data =>
            {
                using var mechanism = factories.MechanismFactory.Create(CKM.CKM_SHA256_RSA_PKCS);
                return session.Sign(mechanism, privateKey, data);
            });
            certificate = request.Create(name, generator, now - BackDating, now + validity, serial);
        }
        else if (keyType == CKK.CKK_EC)
        {
            using var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = EcPoint(session, publicKey) });
            var request = Request(new CertificateRequest(name, ec, HashAlgorithmName.SHA256));
            var generator = new HsmSignatureGenerator(X509SignatureGenerator.CreateForECDsa(ec), data =>
            {
                using var mechanism = factories.MechanismFactory.Create(CKM.CKM_ECDSA);
                return EcdsaSignatureEncoding.ToDer(session.Sign(mechanism, privateKey, SHA256.HashData(data)));
            });
            certificate = request.Create(name, generator, now - BackDating, now + validity, serial);
        }
        else
        {
            throw new InvalidOperationException($"Key '{label}' is {keyType}; only RSA and EC P-256 keys get certificates.");
        }

        Store(session, factories, certificate, label, ckaId);
        return certificate;
    }

    private static CertificateRequest Request(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

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
        session.CreateObject(
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
    }
}
