using NemLogin.Grains.Errors;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Recovers one content-encryption key on a pool thread: C_Decrypt with CKM_RSA_PKCS_OAEP (PKCS#11 v2.40 §2.1.8).</summary>
internal static class Pkcs11Decryption
{
    /// <summary>
    /// The decrypted key, or null when the token refused the ciphertext. The codes a ciphertext can cause (bad padding,
    /// wrong length, another key's ciphertext) must not fault the pool: a sender could otherwise take signing down with
    /// garbage. SoftHSM2 answers a bad OAEP block with CKR_GENERAL_ERROR, which a device fault also returns, so that code
    /// counts as the ciphertext's only while the session still answers a read of the key; a dead session throws from the
    /// read, and the worker classifies that as usual. A mechanism the token does not implement (SoftHSM2 2.6 knows OAEP
    /// with SHA-1 only) is refused as an algorithm, also without faulting.
    /// </summary>
    public static byte[]? Decrypt(HsmWorkerContext context, Pkcs11KeyEntry key, RsaOaepParameters oaep, byte[] encryptedKey)
    {
        if (!key.IsRsa)
        {
            throw Refused($"The {Pkcs11KeyLabels.PurposeName(key.Purpose)} key is {key.KeyType}; RSA-OAEP needs an RSA key.");
        }

        var parameters = context.Factories.MechanismParamsFactory.CreateCkRsaPkcsOaepParams(
            ConvertUtils.UInt64FromCKM(Hash(oaep.Digest)), ConvertUtils.UInt64FromCKG(Mgf1(oaep.Mgf1Digest)), (ulong)CKZ.CKZ_DATA_SPECIFIED, null);
        using var mechanism = context.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_OAEP, parameters);
        try
        {
            return context.Session.Decrypt(mechanism, key.PrivateKey, encryptedKey);
        }
        catch (Pkcs11Exception ex) when (ex.Method == "C_DecryptInit"
            && ex.RV is CKR.CKR_MECHANISM_INVALID or CKR.CKR_MECHANISM_PARAM_INVALID or CKR.CKR_ARGUMENTS_BAD)
        {
            throw Refused($"The HSM does not decrypt RSA-OAEP with {oaep.Digest.Name} and MGF1-{oaep.Mgf1Digest.Name} ({ex.RV}).");
        }
        catch (Pkcs11Exception ex) when (ex.Method == "C_Decrypt" && IsCiphertextRefusal(context, key, ex.RV))
        {
            return null;
        }
    }

    private static bool IsCiphertextRefusal(HsmWorkerContext context, Pkcs11KeyEntry key, CKR rv)
    {
        switch (rv)
        {
            case CKR.CKR_ENCRYPTED_DATA_INVALID or CKR.CKR_ENCRYPTED_DATA_LEN_RANGE or CKR.CKR_DATA_INVALID or CKR.CKR_DATA_LEN_RANGE:
                return true;
            case CKR.CKR_GENERAL_ERROR:
                // Throws a Pkcs11Exception of its own when the session or device is gone.
                context.Session.GetAttributes(key.PrivateKey, [CKA.CKA_KEY_TYPE]);
                return true;
            default:
                return false;
        }
    }

    private static CKM Hash(HashAlgorithmName name) => name == HashAlgorithmName.SHA256 ? CKM.CKM_SHA256 : CKM.CKM_SHA_1;

    private static CKG Mgf1(HashAlgorithmName name) => name == HashAlgorithmName.SHA256 ? CKG.CKG_MGF1_SHA256 : CKG.CKG_MGF1_SHA1;

    private static GrainRuleException Refused(string message) =>
        new(BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused), message);
}
