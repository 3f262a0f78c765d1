using NemLogin.Grains.Errors;

namespace NemLogin.Gateway.Signing;

/// <summary>Which refusals of the signer pool make a gateway forget the keys it cached.</summary>
internal static class SigningRefusals
{
    private static readonly string KeyUnknown = BrokerErrors.Name(BrokerError.SigningKeyUnknown);
    private static readonly string HsmUnavailable = BrokerErrors.Name(BrokerError.SigningHsmUnavailable);

    /// <summary>
    /// The key is retired (no site holds it any more) or the HSM holding it cannot be reached. The published keys read
    /// again list the answering silo's own site first, so the next signature uses a key that site can make.
    /// </summary>
    public static bool ForgetsKeys(string code) => code == KeyUnknown || code == HsmUnavailable;
}
