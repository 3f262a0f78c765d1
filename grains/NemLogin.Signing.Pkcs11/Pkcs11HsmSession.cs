using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>A real PKCS#11 session (Pkcs11Interop).</summary>
public sealed class Pkcs11HsmSession(ISession session) : IHsmSession
{
    public byte[] Sign(IMechanism mechanism, IObjectHandle privateKey, byte[] data) => session.Sign(mechanism, privateKey, data);

    public byte[] Decrypt(IMechanism mechanism, IObjectHandle privateKey, byte[] data) => session.Decrypt(mechanism, privateKey, data);

    public List<IObjectHandle> FindObjects(List<IObjectAttribute> template) => session.FindAllObjects(template);

    public List<IObjectAttribute> GetAttributes(IObjectHandle handle, List<CKA> attributes) => session.GetAttributeValue(handle, attributes);

    public void Dispose()
    {
        try
        {
            session.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // Closing a session the device already lost fails (CKR_SESSION_HANDLE_INVALID, CKR_DEVICE_ERROR); it is gone either way.
        }
    }
}
