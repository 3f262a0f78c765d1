using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace NemLogin.Saml.Tests.Support;

/// <summary>AES-256-CBC with rsa-oaep-mgf1p through the framework's EncryptedXml: an independent peer for interop tests.</summary>
public static class FrameworkEncryption
{
    public static XmlElement Encrypt(string plaintextXml, X509Certificate2 recipient)
    {
        using var aes = Aes.Create();
        aes.KeySize = 256;
        using var rsa = recipient.GetRSAPublicKey()!;
        var encryptedKey = new EncryptedKey
        {
            EncryptionMethod = new EncryptionMethod(EncryptedXml.XmlEncRSAOAEPUrl),
            CipherData = new CipherData(EncryptedXml.EncryptKey(aes.Key, rsa, useOAEP: true)),
        };
        var encryptedData = new EncryptedData
        {
            Type = EncryptedXml.XmlEncElementUrl,
            EncryptionMethod = new EncryptionMethod(EncryptedXml.XmlEncAES256Url),
            CipherData = new CipherData(new EncryptedXml().EncryptData(Encoding.UTF8.GetBytes(plaintextXml), aes)),
        };
        encryptedData.KeyInfo.AddClause(new KeyInfoEncryptedKey(encryptedKey));
        var document = new XmlDocument { PreserveWhitespace = true };
        document.AppendChild(document.ImportNode(encryptedData.GetXml(), deep: true));
        return document.DocumentElement!;
    }

    public static string Decrypt(XmlElement encryptedDataElement, X509Certificate2 recipient)
    {
        var encryptedData = new EncryptedData();
        encryptedData.LoadXml(encryptedDataElement);
        var encryptedKey = encryptedData.KeyInfo.OfType<KeyInfoEncryptedKey>().Single().EncryptedKey!;
        using var rsa = recipient.GetRSAPrivateKey()!;
        using var aes = Aes.Create();
        aes.Key = EncryptedXml.DecryptKey(encryptedKey.CipherData.CipherValue!, rsa, useOAEP: true);
        return Encoding.UTF8.GetString(new EncryptedXml().DecryptData(encryptedData, aes));
    }
}
