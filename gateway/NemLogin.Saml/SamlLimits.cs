namespace NemLogin.Saml;

/// <summary>Size and shape caps applied to everything received, before and during decoding.</summary>
public sealed record SamlLimits
{
    /// <summary>Longest encoded (base64 or URL) message accepted, checked before decoding.</summary>
    public int MaxEncodedLength { get; init; } = 64 * 1024;

    /// <summary>Largest XML text after inflating an HTTP-Redirect message; inflation stops at this size.</summary>
    public int MaxInflatedLength { get; init; } = 128 * 1024;

    /// <summary>Largest XML document (characters) the reader accepts.</summary>
    public int MaxXmlCharacters { get; init; } = 256 * 1024;

    /// <summary>Deepest element nesting the reader accepts.</summary>
    public int MaxXmlDepth { get; init; } = 32;

    /// <summary>
    /// Longest identifier accepted: message IDs, InResponseTo, Issuer, NameID, SessionIndex. Senders choose them and the
    /// broker keys replay records and lookups by them, so they are bounded (SAML sets no bound; 1,024 is generous).
    /// </summary>
    public const int MaxIdentifierLength = 1024;

    /// <summary>
    /// Largest encrypted assertion (decoded CipherValue bytes) taken for decryption; an EncryptedKey's CipherValue is
    /// bounded apart by the largest RSA key (<see cref="MaxEncryptedKeyBytes"/>). Checked before anything is decrypted.
    /// </summary>
    public int MaxCipherValueBytes { get; init; } = 32 * 1024;

    /// <summary>Largest EncryptedKey CipherValue (bytes): one RSA block of a key up to 4,096 bits.</summary>
    public const int MaxEncryptedKeyBytes = 512;

    /// <summary>RelayState limit from SAML Bindings 3.4.3 / 3.5.3.</summary>
    public int MaxRelayStateBytes { get; init; } = 80;

    public static SamlLimits Default { get; } = new();
}
