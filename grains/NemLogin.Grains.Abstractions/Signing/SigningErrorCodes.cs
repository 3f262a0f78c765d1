using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Signing;

/// <summary>The stable <see cref="GrainRuleException.Code"/>s of the signer pool.</summary>
public static class SigningErrorCodes
{
    /// <summary>The key cannot make this kind of signature (an RSA scheme on an EC key, ECDSA on the software key).</summary>
    public static readonly string AlgorithmUnsupported = BrokerErrors.Name(BrokerError.SigningAlgorithmUnsupported);

    /// <summary>No key with that id signs for the purpose (never published, or retired).</summary>
    public static readonly string KeyUnknown = BrokerErrors.Name(BrokerError.SigningKeyUnknown);

    /// <summary>The purpose has no current key in the key store.</summary>
    public static readonly string NoCurrentKey = BrokerErrors.Name(BrokerError.SigningNoCurrentKey);

    /// <summary>The signing queue is full or a request waited too long: shed load, try again shortly (HTTP 503).</summary>
    public static readonly string Overloaded = BrokerErrors.Name(BrokerError.SigningOverloaded);

    /// <summary>The HSM failed (device error, token gone, login refused); the pool is recovering (HTTP 503).</summary>
    public static readonly string HsmUnavailable = BrokerErrors.Name(BrokerError.SigningHsmUnavailable);

    /// <summary>True for the codes that mean "temporarily unable to sign": the caller answers 503, never an unsigned message.</summary>
    public static bool IsTransient(string code) => code == Overloaded || code == HsmUnavailable;
}
