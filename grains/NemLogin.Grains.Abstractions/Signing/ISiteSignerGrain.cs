namespace NemLogin.Grains.Signing;

/// <summary>
/// The signer pool of one site (keyed by the site's name, placed on that site's silos): where a silo sends a request for
/// a key its own HSM does not hold. It uses only its own site's keys and forwards nothing.
/// </summary>
[Alias("nl.signer.site")]
public interface ISiteSignerGrain : IGrainWithStringKey
{
    /// <summary>As <see cref="ISignerGrain.SignWithKeyAsync"/>, with this site's keys only.</summary>
    [Alias("sign-with-key")]
    Task<SignatureResult> SignWithKeyAsync(KeyPurpose purpose, string keyId, SigningAlgorithm algorithm, byte[] data);

    /// <summary>As <see cref="ISignerGrain.DecryptKeyAsync"/>, with this site's keys only.</summary>
    [Alias("decrypt-key")]
    Task<DecryptedKey> DecryptKeyAsync(KeyPurpose purpose, string? keyId, KeyTransportMethod method, byte[] encryptedKey);
}
