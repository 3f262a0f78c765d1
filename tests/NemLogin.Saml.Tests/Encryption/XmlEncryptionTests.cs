using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Encryption;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Tests.Support;
using Xunit;

namespace NemLogin.Saml.Tests.Encryption;

public sealed class XmlEncryptionTests
{
    private static readonly X509Certificate2 Recipient = TestCertificates.CreateRsa("sp.example.test");

    [Theory]
    [InlineData(SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep)]
    [InlineData(SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p)]
    [InlineData(SamlConstants.Algorithms.Aes128Gcm, SamlConstants.Algorithms.RsaOaepMgf1p)]
    [InlineData(SamlConstants.Algorithms.Aes128Cbc, SamlConstants.Algorithms.RsaOaep)]
    public void EncryptThenDecrypt_AllowedAlgorithmPair_ReturnsTheSameElement(string data, string keyTransport)
    {
        var assertion = Fixtures.Assertion().DocumentElement!;
        var encrypted = XmlEncryption.Encrypt(assertion, new XmlDocument(), Recipient, data, keyTransport);

        var decrypted = XmlEncryption.Decrypt(Received(encrypted), [Recipient], SamlLimits.Default);

        Assert.Equal(assertion.OuterXml, decrypted.OuterXml);
    }

    [Fact]
    public async Task EncryptThenDecrypt_SignedAssertionInsideResponse_SignatureStillVerifies()
    {
        // The broker's order (OIOSAML 3, Response shape): sign the assertion, then encrypt it for the SP.
        var response = await SignedSamples.ResponseWithSignedAssertionAsync();
        var encrypted = XmlEncryption.Encrypt(
            SamlXml.Assertion(response), response, Recipient, SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep);

        var decrypted = XmlEncryption.Decrypt(Received(encrypted), [Recipient], SamlLimits.Default);

        XmlSignatureVerifier.Verify(decrypted, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);
    }

    [Fact]
    public void Encrypt_RsaOaep_WritesElementTypeMethodsDigestMgfAndRecipientCertificate()
    {
        var encrypted = Received(XmlEncryption.Encrypt(
            Fixtures.Assertion().DocumentElement!, new XmlDocument(), Recipient, SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep));
        var document = encrypted.OwnerDocument;

        Assert.Equal("http://www.w3.org/2001/04/xmlenc#Element", encrypted.GetAttribute("Type"));
        Assert.Equal(SamlConstants.Algorithms.Aes256Gcm, SamlXml.Select(document, "/xenc:EncryptedData/xenc:EncryptionMethod").GetAttribute("Algorithm"));
        var keyMethod = SamlXml.Select(document, "/xenc:EncryptedData/ds:KeyInfo/xenc:EncryptedKey/xenc:EncryptionMethod");
        Assert.Equal(SamlConstants.Algorithms.RsaOaep, keyMethod.GetAttribute("Algorithm"));
        Assert.Equal(SamlConstants.Algorithms.Sha256, SamlXml.Child(keyMethod, "DigestMethod", SamlConstants.Namespaces.XmlDsig).GetAttribute("Algorithm"));
        Assert.Equal(SamlConstants.Algorithms.Mgf1Sha256, SamlXml.Child(keyMethod, "MGF", SamlConstants.Namespaces.XmlEnc11).GetAttribute("Algorithm"));
        var certificate = SamlXml.Select(document, "//xenc:EncryptedKey/ds:KeyInfo/ds:X509Data/ds:X509Certificate");
        Assert.Equal(Recipient.RawData, Convert.FromBase64String(certificate.InnerText));
    }

    [Fact]
    public void Encrypt_TwoCalls_UseFreshKeyAndIv()
    {
        var assertion = Fixtures.Assertion().DocumentElement!;

        var first = XmlEncryption.Encrypt(assertion, new XmlDocument(), Recipient, SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep);
        var second = XmlEncryption.Encrypt(assertion, new XmlDocument(), Recipient, SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep);

        Assert.NotEqual(DataCipherValue(first)[..12], DataCipherValue(second)[..12]);
        Assert.NotEqual(DataCipherValue(first), DataCipherValue(second));
    }

    [Fact]
    public void Encrypt_UnsupportedDataAlgorithm_RefusedWithEncryptionAlgorithmNotAllowed()
    {
        var exception = Assert.Throws<SamlException>(() => XmlEncryption.Encrypt(
            Fixtures.Assertion().DocumentElement!, new XmlDocument(), Recipient, "http://www.w3.org/2001/04/xmlenc#tripledes-cbc", SamlConstants.Algorithms.RsaOaep));

        Assert.Equal(SamlErrorCode.EncryptionAlgorithmNotAllowed, exception.Code);
    }

    [Fact]
    public void Decrypt_WrongCertificate_RefusedWithDecryptionFailed()
    {
        using var other = TestCertificates.CreateRsa("other.example.test");
        var encrypted = EncryptSample();

        AssertRefused(SamlErrorCode.DecryptionFailed, encrypted, [other]);
    }

    [Fact]
    public void Decrypt_SecondCertificateIsTheRecipient_Decrypts()
    {
        // Key rollover: the SP lists its old and new decryption certificates.
        using var other = TestCertificates.CreateRsa("other.example.test");

        var decrypted = XmlEncryption.Decrypt(EncryptSample(), [other, Recipient], SamlLimits.Default);

        Assert.Equal("Assertion", decrypted.LocalName);
    }

    [Fact]
    public void Decrypt_GcmTagTampered_RefusedWithDecryptionFailed()
    {
        var encrypted = EncryptSample();
        var cipherValue = SamlXml.Select(encrypted.OwnerDocument, "/xenc:EncryptedData/xenc:CipherData/xenc:CipherValue");
        var bytes = Convert.FromBase64String(cipherValue.InnerText);
        bytes[^1] ^= 0x01;
        cipherValue.InnerText = Convert.ToBase64String(bytes);

        AssertRefused(SamlErrorCode.DecryptionFailed, encrypted, [Recipient]);
    }

    [Fact]
    public void Decrypt_GcmCiphertextTampered_RefusedWithDecryptionFailed()
    {
        var encrypted = EncryptSample();
        var cipherValue = SamlXml.Select(encrypted.OwnerDocument, "/xenc:EncryptedData/xenc:CipherData/xenc:CipherValue");
        var bytes = Convert.FromBase64String(cipherValue.InnerText);
        bytes[20] ^= 0x01;
        cipherValue.InnerText = Convert.ToBase64String(bytes);

        AssertRefused(SamlErrorCode.DecryptionFailed, encrypted, [Recipient]);
    }

    [Fact]
    public void Decrypt_Rsa15KeyTransport_RefusedWithEncryptionAlgorithmNotAllowed()
    {
        // Bleichenbacher (Jager, Schwenk, Somorovsky 2012): rsa-1_5 is refused before any decryption is tried.
        var encrypted = EncryptSample(SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p);
        var method = SamlXml.Select(encrypted.OwnerDocument, "//xenc:EncryptedKey/xenc:EncryptionMethod");
        method.RemoveAll();
        method.SetAttribute("Algorithm", SamlConstants.Algorithms.Rsa15);

        AssertRefused(SamlErrorCode.EncryptionAlgorithmNotAllowed, encrypted, [Recipient]);
    }

    [Fact]
    public void Decrypt_TripleDesData_RefusedWithEncryptionAlgorithmNotAllowed()
    {
        var encrypted = EncryptSample();
        SamlXml.Select(encrypted.OwnerDocument, "/xenc:EncryptedData/xenc:EncryptionMethod")
            .SetAttribute("Algorithm", "http://www.w3.org/2001/04/xmlenc#tripledes-cbc");

        AssertRefused(SamlErrorCode.EncryptionAlgorithmNotAllowed, encrypted, [Recipient]);
    }

    [Fact]
    public void Decrypt_OaepDigestAndMgfMismatch_RefusedWithEncryptionAlgorithmNotAllowed()
    {
        var encrypted = EncryptSample();
        SamlXml.Select(encrypted.OwnerDocument, "//xenc:EncryptedKey/xenc:EncryptionMethod/ds:DigestMethod")
            .SetAttribute("Algorithm", SamlConstants.Algorithms.Sha512);

        AssertRefused(SamlErrorCode.EncryptionAlgorithmNotAllowed, encrypted, [Recipient]);
    }

    [Fact]
    public void Decrypt_FrameworkEncryptedXml_Decrypts()
    {
        // Interoperability: the framework's EncryptedXml (AES-256-CBC, rsa-oaep-mgf1p) is an independent encrypter.
        var plaintext = Fixtures.Read("Samples", "Assertion.xml").Split("?>", 2)[1].Trim();

        var decrypted = XmlEncryption.Decrypt(FrameworkEncryption.Encrypt(plaintext, Recipient), [Recipient], SamlLimits.Default);

        Assert.Equal(SamlXml.AssertionId, decrypted.GetAttribute("ID"));
    }

    [Fact]
    public void Decrypt_PlaintextWithDoctype_RefusedWithXmlDtdProhibited()
    {
        var encrypted = FrameworkEncryption.Encrypt("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", Recipient);

        AssertRefused(SamlErrorCode.XmlDtdProhibited, encrypted, [Recipient]);
    }

    [Fact]
    public void FrameworkEncryptedXml_DecryptsOurCbcOutput()
    {
        var assertion = Fixtures.Assertion().DocumentElement!;
        var encrypted = EncryptSample(SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p);

        var plaintext = FrameworkEncryption.Decrypt(encrypted, Recipient);

        Assert.Equal(assertion.OuterXml, plaintext);
    }

    private static XmlElement EncryptSample(
        string data = SamlConstants.Algorithms.Aes256Gcm,
        string keyTransport = SamlConstants.Algorithms.RsaOaep) =>
        Received(XmlEncryption.Encrypt(Fixtures.Assertion().DocumentElement!, new XmlDocument(), Recipient, data, keyTransport));

    private static XmlElement Received(XmlElement encrypted) =>
        NemLogin.Saml.Xml.SafeXml.Load(encrypted.OuterXml, SamlLimits.Default).DocumentElement!;

    private static byte[] DataCipherValue(XmlElement encrypted) =>
        Convert.FromBase64String(SamlXml.Child(SamlXml.Child(encrypted, "CipherData", SamlConstants.Namespaces.XmlEnc), "CipherValue", SamlConstants.Namespaces.XmlEnc).InnerText);

    private static void AssertRefused(SamlErrorCode expected, XmlElement encrypted, IReadOnlyList<X509Certificate2> certificates)
    {
        var exception = Assert.Throws<SamlException>(() => XmlEncryption.Decrypt(encrypted, certificates, SamlLimits.Default));
        Assert.Equal(expected, exception.Code);
    }
}
