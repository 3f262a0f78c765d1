namespace NemLogin.Grains.Signing;

/// <summary>What a broker key is for. Each purpose has its own key (and its own next key for rollover).</summary>
[GenerateSerializer]
[Alias("nl.signing.purpose")]
public enum KeyPurpose
{
    SamlSigning = 0,
    TokenSigning = 1,
}
