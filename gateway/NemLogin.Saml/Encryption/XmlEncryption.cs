using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Encryption;

/// <summary>XML Encryption of SAML elements (assertions) for a recipient certificate.</summary>
public static class XmlEncryption
{
    private const string ElementType = "http://www.w3.org/2001/04/xmlenc#Element";
    private const string Xenc = SamlConstants.Namespaces.XmlEnc;
    private const string Ds = SamlConstants.Namespaces.XmlDsig;

    /// <summary>
    /// Encrypts <paramref name="element"/> for <paramref name="recipient"/> and returns an xenc:EncryptedData element created in
    /// <paramref name="ownerDocument"/> with the key inline in an xenc:EncryptedKey. A fresh key and IV per call.
    /// <paramref name="dataAlgorithm"/>: AES-GCM or AES-CBC (128 or 256); <paramref name="keyTransportAlgorithm"/>: rsa-oaep
    /// (SHA-256, MGF1-SHA-256) or rsa-oaep-mgf1p. Other algorithms: EncryptionAlgorithmNotAllowed.
    /// </summary>
    public static XmlElement Encrypt(
        XmlElement element,
        XmlDocument ownerDocument,
        X509Certificate2 recipient,
        string dataAlgorithm,
        string keyTransportAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(ownerDocument);

        // The copy carries the namespace declarations the element inherits, so the plaintext stands alone.
        var plaintext = Encoding.UTF8.GetBytes(DetachedElement.Copy(element).DocumentElement!.OuterXml);
        using var writer = new SamlXmlWriter(plaintext.Length * 2);
        Write(writer, plaintext, recipient, dataAlgorithm, keyTransportAlgorithm);
        return WrittenElement.Import(ownerDocument, writer.ToString());
    }

    /// <summary>
    /// Writes the xenc:EncryptedData of <paramref name="plaintext"/> (an element's UTF-8 serialization that stands alone) for
    /// <paramref name="recipient"/>, with the same key and algorithm rules as <see cref="Encrypt"/>.
    /// </summary>
    internal static void Write(
        SamlXmlWriter writer,
        byte[] plaintext,
        X509Certificate2 recipient,
        string dataAlgorithm,
        string keyTransportAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var keyBytes = ContentCipher.KeyBytes(dataAlgorithm)
            ?? throw new SamlException(SamlErrorCode.EncryptionAlgorithmNotAllowed, "The data encryption algorithm is not allowed.");
        var padding = KeyTransport.PaddingForEncryption(keyTransportAlgorithm);
        var rsa = CertificateKeys.RsaPublicKey(recipient)
            ?? throw new ArgumentException("The recipient certificate has no RSA public key.", nameof(recipient));
        var key = RandomNumberGenerator.GetBytes(keyBytes);
        try
        {
            var cipherValue = ContentCipher.Encrypt(dataAlgorithm, key, plaintext);
            var encryptedKey = rsa.Encrypt(key, padding);
            EncryptedDataWriter.Write(writer, dataAlgorithm, keyTransportAlgorithm, recipient, encryptedKey, cipherValue);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Decrypts an xenc:EncryptedData element (EncryptedKey inline in its KeyInfo) with the first of
    /// <paramref name="decryptionCertificates"/> that works, and returns the root element of the plaintext parsed with
    /// <see cref="SafeXml.Load"/> (whose codes it passes on). Algorithms outside aes128/256-gcm/cbc and rsa-oaep/rsa-oaep-mgf1p:
    /// EncryptionAlgorithmNotAllowed; any other failure: DecryptionFailed.
    /// </summary>
    public static XmlElement Decrypt(XmlElement encryptedData, IReadOnlyList<X509Certificate2> decryptionCertificates, SamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(encryptedData);
        ArgumentNullException.ThrowIfNull(decryptionCertificates);
        ArgumentNullException.ThrowIfNull(limits);
        RequireElementTypedEncryptedData(encryptedData);
        var dataAlgorithm = Child(encryptedData, "EncryptionMethod", Xenc)?.GetAttribute("Algorithm");
        var keyBytes = ContentCipher.KeyBytes(dataAlgorithm)
            ?? throw new SamlException(SamlErrorCode.EncryptionAlgorithmNotAllowed, "The data encryption algorithm is not allowed.");
        var cipherValue = CipherValue(encryptedData);
        var keys = EncryptedKeys(encryptedData);
        var plaintext = DecryptWithFirstWorkingKey(dataAlgorithm!, keyBytes, cipherValue, keys, decryptionCertificates);
        return SafeXml.Load(Utf8(plaintext), limits).DocumentElement!;
    }

    private static void RequireElementTypedEncryptedData(XmlElement encryptedData)
    {
        if (encryptedData.LocalName != "EncryptedData" || encryptedData.NamespaceURI != Xenc
            || (encryptedData.HasAttribute("Type") && encryptedData.GetAttribute("Type") != ElementType))
        {
            throw Failed("The element is not an xenc:EncryptedData of type Element.");
        }
    }

    private static List<(RSAEncryptionPadding Padding, byte[] Cipher)> EncryptedKeys(XmlElement encryptedData)
    {
        var keyInfo = Child(encryptedData, "KeyInfo", Ds) ?? throw Failed("The EncryptedData has no KeyInfo.");
        var keys = keyInfo.ChildNodes.OfType<XmlElement>()
            .Where(e => e.LocalName == "EncryptedKey" && e.NamespaceURI == Xenc)
            .Select(e => (KeyTransport.PaddingForDecryption(Child(e, "EncryptionMethod", Xenc)), CipherValue(e)))
            .ToList();
        return keys.Count > 0 ? keys : throw Failed("The EncryptedData carries no inline EncryptedKey.");
    }

    private static byte[] DecryptWithFirstWorkingKey(
        string dataAlgorithm,
        int keyBytes,
        byte[] cipherValue,
        List<(RSAEncryptionPadding Padding, byte[] Cipher)> keys,
        IReadOnlyList<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            var rsa = CertificateKeys.RsaPrivateKey(certificate);
            if (rsa is null)
            {
                continue;
            }

            foreach (var (padding, cipher) in keys)
            {
                try
                {
                    var key = rsa.Decrypt(cipher, padding);
                    if (key.Length == keyBytes)
                    {
                        return ContentCipher.Decrypt(dataAlgorithm, key, cipherValue);
                    }
                }
                catch (CryptographicException)
                {
                    // One failure reason for every key and certificate: distinct errors would be an oracle.
                }
            }
        }

        throw Failed("No decryption certificate could decrypt the data.");
    }

    private static byte[] CipherValue(XmlElement parent)
    {
        var cipherData = Child(parent, "CipherData", Xenc);
        var value = cipherData is null ? null : Child(cipherData, "CipherValue", Xenc);
        try
        {
            return value is null ? throw Failed("CipherData must hold a CipherValue.") : Convert.FromBase64String(value.InnerText);
        }
        catch (FormatException exception)
        {
            throw new SamlException(SamlErrorCode.DecryptionFailed, "The CipherValue is not base64.", exception);
        }
    }

    private static string Utf8(byte[] plaintext)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(plaintext);
        }
        catch (DecoderFallbackException exception)
        {
            throw new SamlException(SamlErrorCode.DecryptionFailed, "The decrypted data is not UTF-8.", exception);
        }
    }

    private static XmlElement? Child(XmlElement parent, string localName, string namespaceUri)
    {
        var found = parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == namespaceUri).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw Failed($"More than one {localName}."),
        };
    }

    private static SamlException Failed(string message) => new(SamlErrorCode.DecryptionFailed, message);
}
