using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Encryption;

/// <summary>Writes xenc:EncryptedData with an inline xenc:EncryptedKey, in XML Encryption schema order.</summary>
internal static class EncryptedDataWriter
{
    private const string Xenc = SamlConstants.Namespaces.XmlEnc;
    private const string Ds = SamlConstants.Namespaces.XmlDsig;
    private const string ElementType = "http://www.w3.org/2001/04/xmlenc#Element";

    public static void Write(
        SamlXmlWriter writer,
        string dataAlgorithm,
        string keyTransportAlgorithm,
        X509Certificate2 recipient,
        byte[] encryptedKey,
        byte[] cipherValue)
    {
        writer.Start("xenc", "EncryptedData", Xenc).Attribute("Type", ElementType);
        Method(writer, dataAlgorithm).End();
        writer.Start("ds", "KeyInfo", Ds);
        EncryptedKey(writer, keyTransportAlgorithm, recipient, encryptedKey);
        writer.End();
        CipherData(writer, cipherValue);
        writer.End();
    }

    private static void EncryptedKey(SamlXmlWriter writer, string algorithm, X509Certificate2 recipient, byte[] encryptedKey)
    {
        writer.Start("xenc", "EncryptedKey", Xenc);
        Method(writer, algorithm);
        if (algorithm == SamlConstants.Algorithms.RsaOaep)
        {
            // XML Encryption 1.1, 5.5.2: name both the OAEP digest and the mask generation function; their defaults are SHA-1.
            writer.Start("ds", "DigestMethod", Ds).Attribute("Algorithm", SamlConstants.Algorithms.Sha256).End();
            writer.Start("xenc11", "MGF", SamlConstants.Namespaces.XmlEnc11).Attribute("Algorithm", SamlConstants.Algorithms.Mgf1Sha256).End();
        }
        else
        {
            writer.Start("ds", "DigestMethod", Ds).Attribute("Algorithm", SamlConstants.Algorithms.Sha1).End();
        }

        writer.End();
        writer.Start("ds", "KeyInfo", Ds).Start("ds", "X509Data", Ds)
            .Start("ds", "X509Certificate", Ds).Base64Text(recipient.RawData).End()
            .End().End();
        CipherData(writer, encryptedKey);
        writer.End();
    }

    private static SamlXmlWriter Method(SamlXmlWriter writer, string algorithm) =>
        writer.Start("xenc", "EncryptionMethod", Xenc).Attribute("Algorithm", algorithm);

    private static void CipherData(SamlXmlWriter writer, byte[] value) =>
        writer.Start("xenc", "CipherData", Xenc).Start("xenc", "CipherValue", Xenc).Base64Text(value).End().End();
}
