using Net.Pkcs11Interop.Common;

namespace NemLogin.Grains.Signing.Pkcs11;

internal static class Pkcs11ReturnCodes
{
    /// <summary>
    /// Unknown codes count as device failures: failing closed (no signature, readiness down, sessions re-opened) is the
    /// safe answer to a state the pool does not understand.
    /// </summary>
    public static HsmFailureKind Classify(CKR rv) => rv switch
    {
        CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED or CKR.CKR_USER_NOT_LOGGED_IN => HsmFailureKind.SessionLost,
        CKR.CKR_OBJECT_HANDLE_INVALID or CKR.CKR_KEY_HANDLE_INVALID => HsmFailureKind.KeyGone,
        CKR.CKR_MECHANISM_INVALID or CKR.CKR_MECHANISM_PARAM_INVALID or CKR.CKR_KEY_TYPE_INCONSISTENT
            or CKR.CKR_KEY_FUNCTION_NOT_PERMITTED or CKR.CKR_DATA_LEN_RANGE => HsmFailureKind.Unsupported,
        _ => HsmFailureKind.DeviceFailed,
    };
}
