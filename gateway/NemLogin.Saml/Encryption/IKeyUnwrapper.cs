namespace NemLogin.Saml.Encryption;

/// <summary>
/// Recovers the content-encryption key of an encrypted assertion for a service provider whose private key the library
/// never holds (the broker: its signer pool, an HSM in production). The library reads and checks the XML, asks for the key
/// and decrypts the content itself.
/// </summary>
public interface IKeyUnwrapper
{
    /// <summary>
    /// The decrypted key, or null when it cannot be recovered for a reason that depends on the ciphertext (padding, another
    /// recipient's key). Every null is treated alike, with the content decryption failures, as one DecryptionFailed. A
    /// key transport the implementation cannot run throws <see cref="SamlException"/> with EncryptionAlgorithmNotAllowed;
    /// anything else (a busy key store) propagates unchanged.
    /// </summary>
    ValueTask<byte[]?> UnwrapAsync(EncryptedKeyTransport key, CancellationToken cancellationToken);
}
