using NemLogin.Grains.Errors;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Makes one signature on a pool thread and verifies it before it leaves.</summary>
internal static class Pkcs11Signatures
{
    private const int Sha256Length = 32;

    /// <summary>
    /// RSA schemes hash inside the HSM (CKM_SHA256_RSA_PKCS, CKM_SHA256_RSA_PKCS_PSS with MGF1-SHA256 and a 32-byte salt,
    /// RFC 8017 §8.1). ECDSA hashes here, since SoftHSM2 has no CKM_ECDSA_SHA256, and returns r‖s (PKCS#11 v2.40 §2.3.1):
    /// exactly what JWS ES256 (RFC 7518 §3.4) and XML-DSig ecdsa-sha256 carry, so no conversion is needed for either.
    /// Every signature is verified with the certificate's public key: a faulty signature is never released (a faulty RSA
    /// signature can reveal the key: Boneh, DeMillo, Lipton 1997).
    /// </summary>
    public static byte[] Sign(HsmWorkerContext context, Pkcs11KeyEntry key, SigningAlgorithm algorithm, byte[] data)
    {
        var mechanisms = context.Factories.MechanismFactory;
        switch (algorithm)
        {
            case SigningAlgorithm.RsaPkcs1Sha256 when key.IsRsa:
            {
                using var mechanism = mechanisms.Create(CKM.CKM_SHA256_RSA_PKCS);
                var signature = context.Session.Sign(mechanism, key.PrivateKey, data);
                return Verified(key, signature, Rsa(context, key).VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            }

            case SigningAlgorithm.RsaPssSha256 when key.IsRsa:
            {
                var parameters = context.Factories.MechanismParamsFactory.CreateCkRsaPkcsPssParams(
                    ConvertUtils.UInt64FromCKM(CKM.CKM_SHA256), ConvertUtils.UInt64FromCKG(CKG.CKG_MGF1_SHA256), Sha256Length);
                using var mechanism = mechanisms.Create(CKM.CKM_SHA256_RSA_PKCS_PSS, parameters);
                var signature = context.Session.Sign(mechanism, key.PrivateKey, data);
                return Verified(key, signature, Rsa(context, key).VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
            }

            case SigningAlgorithm.EcdsaP256Sha256 when key.IsEc:
            {
                var hash = SHA256.HashData(data);
                using var mechanism = mechanisms.Create(CKM.CKM_ECDSA);
                var signature = context.Session.Sign(mechanism, key.PrivateKey, hash);
                return Verified(key, signature, Ecdsa(context, key).VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            }

            default:
                throw new GrainRuleException(
                    BrokerErrors.Name(BrokerError.SigningAlgorithmUnsupported),
                    $"The current {Pkcs11KeyLabels.PurposeName(key.Purpose)} key is {(key.IsRsa ? "RSA" : key.IsEc ? "EC P-256" : key.KeyType.ToString())}; it cannot sign {algorithm}.");
        }
    }

    private static byte[] Verified(Pkcs11KeyEntry key, byte[] signature, bool valid) =>
        valid && signature.Length > 0 ? signature : throw new HsmInvalidSignatureException(key.KeyId);

    // One public-key object per pool thread and key: .NET does not promise that one object verifies on many threads at once.
    private static RSA Rsa(HsmWorkerContext context, Pkcs11KeyEntry key) =>
        context.Cached("rsa:" + key.KeyId, () => key.Certificate.GetRSAPublicKey() ?? throw new InvalidOperationException($"Key {key.KeyId} has no RSA certificate."));

    private static ECDsa Ecdsa(HsmWorkerContext context, Pkcs11KeyEntry key) =>
        context.Cached("ec:" + key.KeyId, () => key.Certificate.GetECDsaPublicKey() ?? throw new InvalidOperationException($"Key {key.KeyId} has no EC certificate."));
}
