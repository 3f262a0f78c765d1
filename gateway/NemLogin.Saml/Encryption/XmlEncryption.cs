using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace NemLogin.Saml.Encryption;

/// <summary>XML Encryption of SAML elements (assertions) for a recipient certificate.</summary>
public static class XmlEncryption
{
    /// <summary>
    /// Encrypts <paramref name="element"/> for <paramref name="recipient"/> and returns an xenc:EncryptedData element created in
    /// <paramref name="ownerDocument"/> with the key inline in an xenc:EncryptedKey. A fresh key and IV per call.
    /// </summary>
    public static XmlElement Encrypt(
        XmlElement element,
        XmlDocument ownerDocument,
        X509Certificate2 recipient,
        string dataAlgorithm,
        string keyTransportAlgorithm) => throw new NotImplementedException();

    /// <summary>
    /// Decrypts an xenc:EncryptedData element with the first of <paramref name="decryptionCertificates"/> that works and returns
    /// the root element of the plaintext, parsed with <see cref="Xml.SafeXml.Load"/>.
    /// </summary>
    public static XmlElement Decrypt(
        XmlElement encryptedData,
        IReadOnlyList<X509Certificate2> decryptionCertificates,
        SamlLimits limits) => throw new NotImplementedException();
}
