using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// The few PKCS#11 calls the signer pool makes, on one logged-in session. The seam exists so tests can wrap the real
/// session (SoftHSM2 underneath) to inject return codes or stall calls; production uses <see cref="Pkcs11HsmSession"/>.
/// A session is used by one thread at a time. Failures are <see cref="Pkcs11Exception"/>s carrying the CKR code.
/// </summary>
public interface IHsmSession : IDisposable
{
    /// <summary>C_SignInit + C_Sign.</summary>
    byte[] Sign(IMechanism mechanism, IObjectHandle privateKey, byte[] data);

    /// <summary>C_DecryptInit + C_Decrypt; the exception's method names which of the two failed.</summary>
    byte[] Decrypt(IMechanism mechanism, IObjectHandle privateKey, byte[] data);

    /// <summary>C_FindObjectsInit, C_FindObjects, C_FindObjectsFinal.</summary>
    List<IObjectHandle> FindObjects(List<IObjectAttribute> template);

    /// <summary>C_GetAttributeValue.</summary>
    List<IObjectAttribute> GetAttributes(IObjectHandle handle, List<CKA> attributes);
}
