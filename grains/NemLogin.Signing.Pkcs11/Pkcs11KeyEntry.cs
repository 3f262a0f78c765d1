using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>One usable broker key in the token: its private key handle, its certificate, and its place in rollover.</summary>
public sealed record Pkcs11KeyEntry(
    KeyPurpose Purpose,
    KeyRole Role,
    string KeyId,
    byte[] CkaId,
    CKK KeyType,
    IObjectHandle PrivateKey,
    X509Certificate2 Certificate)
{
    public bool IsRsa => KeyType == CKK.CKK_RSA;

    public bool IsEc => KeyType == CKK.CKK_EC;
}
