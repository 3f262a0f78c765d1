namespace NemLogin.Grains.Signing;

/// <summary>
/// A content-encryption key the signer pool recovered, and the id of the broker key that recovered it. Only this symmetric
/// key leaves the pool; the private key never does.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.signing.decrypted-key")]
public sealed record DecryptedKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] Key);
