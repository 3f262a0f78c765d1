using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace NemLogin.Saml.Encryption;

/// <summary>Writes xenc:EncryptedData with an inline xenc:EncryptedKey, in XML Encryption schema order.</summary>
internal static class EncryptedDataWriter
{
    private const string Xenc = SamlConstants.Namespaces.XmlEnc;
    private const string Ds = SamlConstants.Namespaces.XmlDsig;

    public static XmlElement Write(
        XmlDocument document,
        string dataAlgorithm,
        string keyTransportAlgorithm,
        X509Certificate2 recipient,
        byte[] encryptedKey,
        byte[] cipherValue)
    {
        var data = Element(document, "xenc", "EncryptedData", Xenc);
        data.SetAttribute("xmlns:xenc", Xenc);
        data.SetAttribute("Type", "http://www.w3.org/2001/04/xmlenc#Element");
        data.AppendChild(Method(document, dataAlgorithm));
        var keyInfo = Element(document, "ds", "KeyInfo", Ds);
        keyInfo.SetAttribute("xmlns:ds", Ds);
        keyInfo.AppendChild(EncryptedKey(document, keyTransportAlgorithm, recipient, encryptedKey));
        data.AppendChild(keyInfo);
        data.AppendChild(CipherData(document, cipherValue));
        return data;
    }

    private static XmlElement EncryptedKey(XmlDocument document, string algorithm, X509Certificate2 recipient, byte[] encryptedKey)
    {
        var key = Element(document, "xenc", "EncryptedKey", Xenc);
        var method = Method(document, algorithm);
        var digest = Element(document, "ds", "DigestMethod", Ds);
        if (algorithm == SamlConstants.Algorithms.RsaOaep)
        {
            // XML Encryption 1.1, 5.5.2: name both the OAEP digest and the mask generation function; their defaults are SHA-1.
            digest.SetAttribute("Algorithm", SamlConstants.Algorithms.Sha256);
            method.AppendChild(digest);
            var mgf = Element(document, "xenc11", "MGF", SamlConstants.Namespaces.XmlEnc11);
            mgf.SetAttribute("xmlns:xenc11", SamlConstants.Namespaces.XmlEnc11);
            mgf.SetAttribute("Algorithm", SamlConstants.Algorithms.Mgf1Sha256);
            method.AppendChild(mgf);
        }
        else
        {
            digest.SetAttribute("Algorithm", SamlConstants.Algorithms.Sha1);
            method.AppendChild(digest);
        }

        key.AppendChild(method);
        var certificate = Element(document, "ds", "X509Certificate", Ds);
        certificate.InnerText = Convert.ToBase64String(recipient.RawData);
        var x509Data = Element(document, "ds", "X509Data", Ds);
        x509Data.AppendChild(certificate);
        var keyInfo = Element(document, "ds", "KeyInfo", Ds);
        keyInfo.AppendChild(x509Data);
        key.AppendChild(keyInfo);
        key.AppendChild(CipherData(document, encryptedKey));
        return key;
    }

    private static XmlElement Method(XmlDocument document, string algorithm)
    {
        var method = Element(document, "xenc", "EncryptionMethod", Xenc);
        method.SetAttribute("Algorithm", algorithm);
        return method;
    }

    private static XmlElement CipherData(XmlDocument document, byte[] value)
    {
        var cipherValue = Element(document, "xenc", "CipherValue", Xenc);
        cipherValue.InnerText = Convert.ToBase64String(value);
        var cipherData = Element(document, "xenc", "CipherData", Xenc);
        cipherData.AppendChild(cipherValue);
        return cipherData;
    }

    private static XmlElement Element(XmlDocument document, string prefix, string localName, string namespaceUri) =>
        document.CreateElement(prefix, localName, namespaceUri);
}
