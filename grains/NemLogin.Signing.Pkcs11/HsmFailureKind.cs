namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>What the pool does about a PKCS#11 return code.</summary>
internal enum HsmFailureKind
{
    /// <summary>The session is gone (CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, CKR_USER_NOT_LOGGED_IN): re-open it and retry once.</summary>
    SessionLost,

    /// <summary>The key handle no longer names an object (retired, or handles renumbered): re-read the key list and retry once.</summary>
    KeyGone,

    /// <summary>The key cannot make this signature (mechanism or key type): refuse the request, the HSM is fine.</summary>
    Unsupported,

    /// <summary>Anything else, CKR_DEVICE_ERROR first among them: fail fast, flip readiness, re-open the sessions later.</summary>
    DeviceFailed,
}
