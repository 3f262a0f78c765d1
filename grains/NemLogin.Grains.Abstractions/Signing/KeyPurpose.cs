namespace NemLogin.Grains.Signing;

/// <summary>
/// What a broker key is for. Each purpose has its own key (and its own next key for rollover). Signing purposes sign and
/// never decrypt; <see cref="SamlEncryption"/> only decrypts (key separation: a signing key that also decrypted would turn
/// every decryption request into a possible signature oracle, and the other way round).
/// </summary>
[GenerateSerializer]
[Alias("nl.signing.purpose")]
public enum KeyPurpose
{
    SamlSigning = 0,
    TokenSigning = 1,

    /// <summary>The RSA key organisations' own IdPs encrypt assertions to (key transport); published in <c>/upstream/org/metadata</c>.</summary>
    SamlEncryption = 2,
}
