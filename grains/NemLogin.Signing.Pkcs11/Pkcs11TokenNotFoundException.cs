namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>No initialised token carries the configured label. The message names the label, never the PIN.</summary>
public sealed class Pkcs11TokenNotFoundException(string tokenLabel)
    : Exception($"No initialised PKCS#11 token is labelled '{tokenLabel}' (Signing:Pkcs11:TokenLabel). Create one with `keys init-token` or check the module's configuration.")
{
    public string TokenLabel { get; } = tokenLabel;
}
