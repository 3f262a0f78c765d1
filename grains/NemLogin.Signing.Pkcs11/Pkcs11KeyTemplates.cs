using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Net.Pkcs11Interop.HighLevelAPI.Factories;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Attribute templates for the broker's key pairs (PKCS#11 v2.40 §4.8–4.9).</summary>
internal static class Pkcs11KeyTemplates
{
    /// <summary>DER of the OID 1.2.840.10045.3.1.7 (prime256v1), the CKA_EC_PARAMS of a P-256 key.</summary>
    public static readonly byte[] P256Parameters = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

    private static readonly byte[] Rsa65537 = [0x01, 0x00, 0x01];

    public static CKM Mechanism(HsmKeyAlgorithm algorithm) =>
        algorithm == HsmKeyAlgorithm.EcP256 ? CKM.CKM_EC_KEY_PAIR_GEN : CKM.CKM_RSA_PKCS_KEY_PAIR_GEN;

    public static Pkcs11Template PublicKey(IObjectAttributeFactory a, KeyPurpose purpose, HsmKeyAlgorithm algorithm, string label, byte[] id)
    {
        var decrypts = KeyPurposes.Decrypts(purpose);
        List<IObjectAttribute> template =
        [
            a.Create(CKA.CKA_TOKEN, true),
            a.Create(CKA.CKA_PRIVATE, false),
            a.Create(CKA.CKA_LABEL, label),
            a.Create(CKA.CKA_ID, id),
            a.Create(CKA.CKA_VERIFY, !decrypts),
            a.Create(CKA.CKA_ENCRYPT, decrypts),
            a.Create(CKA.CKA_WRAP, false),
        ];
        switch (algorithm)
        {
            case HsmKeyAlgorithm.Rsa2048:
            case HsmKeyAlgorithm.Rsa3072:
                template.Add(a.Create(CKA.CKA_MODULUS_BITS, algorithm == HsmKeyAlgorithm.Rsa2048 ? 2048ul : 3072ul));
                template.Add(a.Create(CKA.CKA_PUBLIC_EXPONENT, Rsa65537));
                break;
            case HsmKeyAlgorithm.EcP256:
                template.Add(a.Create(CKA.CKA_EC_PARAMS, P256Parameters));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm.");
        }

        return new Pkcs11Template(template);
    }

    /// <summary>
    /// Sensitive and never extractable: the private value cannot be read or wrapped out of the token. One use only — the
    /// HSM grants decrypt, unwrap and derive unless the template says false: a signing key signs and never decrypts, a
    /// decryption key (<see cref="KeyPurposes.Decrypts"/>) decrypts with C_Decrypt and never signs. Neither unwraps: the
    /// broker's decryption returns the content key to the caller, so an unwrap into a token object would add nothing.
    /// </summary>
    public static Pkcs11Template PrivateKey(IObjectAttributeFactory a, KeyPurpose purpose, string label, byte[] id)
    {
        var decrypts = KeyPurposes.Decrypts(purpose);
        return new(
        [
            a.Create(CKA.CKA_TOKEN, true),
            a.Create(CKA.CKA_PRIVATE, true),
            a.Create(CKA.CKA_LABEL, label),
            a.Create(CKA.CKA_ID, id),
            a.Create(CKA.CKA_SENSITIVE, true),
            a.Create(CKA.CKA_EXTRACTABLE, false),
            a.Create(CKA.CKA_SIGN, !decrypts),
            a.Create(CKA.CKA_SIGN_RECOVER, false),
            a.Create(CKA.CKA_DECRYPT, decrypts),
            a.Create(CKA.CKA_UNWRAP, false),
            a.Create(CKA.CKA_DERIVE, false),
        ]);
    }
}
