namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>The HSM returned a signature that does not verify with the key's certificate.</summary>
internal sealed class HsmInvalidSignatureException(string keyId)
    : Exception($"The HSM returned a signature that does not verify with key {keyId}'s certificate.")
{
    public string Code => "invalid-signature";
}
