using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Encryption;

/// <summary>
/// One xenc:EncryptedKey as read from an encrypted assertion, its key transport already within the allowed set: the
/// algorithm URI, the OAEP digest and mask generation function URIs as written (null when absent: the XML Encryption
/// defaults apply), the encrypted key, and the recipient certificate its KeyInfo names, if any (a hint to choose among the
/// service provider's own keys, never a source of trust).
/// </summary>
public sealed record EncryptedKeyTransport(
    string Algorithm,
    string? DigestMethod,
    string? MaskGenerationFunction,
    byte[] CipherValue,
    X509Certificate2? RecipientCertificate);
