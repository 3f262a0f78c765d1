namespace NemLogin.Grains.Signing;

/// <summary>
/// How a content-encryption key was encrypted to a broker key, as an XML Encryption EncryptedKey's EncryptionMethod names
/// it: the <see cref="Algorithm"/> URI and, for RSA-OAEP, the <see cref="DigestMethod"/> and
/// <see cref="MaskGenerationFunction"/> URIs (null: the element was absent, so XML Encryption 1.1 §5.5.2's default applies).
/// The signer pool decides what it accepts; the URIs travel as received so the pool, not its callers, refuses RSA PKCS#1
/// v1.5 and anything else outside RSA-OAEP.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.signing.key-transport")]
public sealed record KeyTransportMethod(
    [property: Id(0)] string Algorithm,
    [property: Id(1)] string? DigestMethod,
    [property: Id(2)] string? MaskGenerationFunction);
