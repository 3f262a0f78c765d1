namespace NemLogin.Grains.Signing;

/// <summary>The stable <see cref="GrainRuleException.Code"/>s of the signer pool.</summary>
public static class SigningErrorCodes
{
    /// <summary>The key cannot make this kind of signature (an RSA scheme on an EC key, ECDSA on the software key).</summary>
    public const string AlgorithmUnsupported = "signing.algorithm-unsupported";

    /// <summary>No key with that id signs for the purpose (never published, or retired).</summary>
    public const string KeyUnknown = "signing.key-unknown";

    /// <summary>The purpose has no current key in the key store.</summary>
    public const string NoCurrentKey = "signing.no-current-key";

    /// <summary>The signing queue is full or a request waited too long: shed load, try again shortly (HTTP 503).</summary>
    public const string Overloaded = "signing.overloaded";

    /// <summary>The HSM failed (device error, token gone, login refused); the pool is recovering (HTTP 503).</summary>
    public const string HsmUnavailable = "signing.hsm-unavailable";

    /// <summary>True for the codes that mean "temporarily unable to sign": the caller answers 503, never an unsigned message.</summary>
    public static bool IsTransient(string code) => code is Overloaded or HsmUnavailable;
}
