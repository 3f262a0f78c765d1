using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Encryption;
using NemLogin.Saml.Tests.Support;
using Xunit;

namespace NemLogin.Saml.Tests.Encryption;

/// <summary>
/// Decryption for a service provider whose key lives in a key store (the broker toward organisations' IdPs): the library
/// reads and checks the XML, asks an <see cref="IKeyUnwrapper"/> for the content key, and decrypts AES-GCM itself. The
/// unwrapper here holds an RSA key in memory, as the demo's software key store does.
/// </summary>
public sealed class AssertionDecryptionTests
{
    private static readonly X509Certificate2 Recipient = TestCertificates.CreateRsa("broker.example.test");

    [Theory]
    [InlineData(SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaepMgf1p)]
    [InlineData(SamlConstants.Algorithms.Aes128Gcm, SamlConstants.Algorithms.RsaOaep)]
    public async Task Decrypt_GcmWithRsaOaep_TheAssertionInADocumentOfItsOwn(string data, string transport)
    {
        var assertion = Fixtures.Assertion().DocumentElement!;
        var encrypted = EncryptedAssertion(assertion, data, transport);
        var unwrapper = new InMemoryUnwrapper(Recipient);

        var decrypted = await AssertionDecryption.DecryptAsync(encrypted, unwrapper, SamlLimits.Default, TestContext.Current.CancellationToken);

        Assert.Equal(assertion.OuterXml, decrypted.OuterXml);
        Assert.NotSame(encrypted.OwnerDocument, decrypted.OwnerDocument);
        var asked = Assert.Single(unwrapper.Asked);
        Assert.Equal(transport, asked.Algorithm);
        Assert.Equal(Recipient.RawData, asked.RecipientCertificate!.RawData);
    }

    public static TheoryData<string> Unrecovered => ["nothing", "short-key", "long-key", "another-key"];

    [Theory]
    [MemberData(nameof(Unrecovered))]
    public async Task Decrypt_KeyNotRecovered_OneDecryptionFailed(string answer)
    {
        // Padding-oracle class: no recovered key, a key of the wrong length and a wrong key all end in the same refusal.
        var unwrapper = new InMemoryUnwrapper(Recipient)
        {
            Answer = answer switch
            {
                "nothing" => _ => null,
                "short-key" => _ => new byte[16],
                "long-key" => _ => new byte[48],
                "another-key" => _ => RandomNumberGenerator.GetBytes(32),
                _ => throw new ArgumentOutOfRangeException(nameof(answer)),
            },
        };

        var refused = await RefusedAsync(EncryptedAssertion(), unwrapper);

        Assert.Equal(SamlErrorCode.DecryptionFailed, refused.Code);
        Assert.Equal("The encrypted assertion could not be decrypted.", refused.Message);
    }

    [Fact]
    public async Task Decrypt_CbcContent_RefusedBeforeAnyKeyIsAsked()
    {
        // CBC padding/parsing oracle (Jager and Somorovsky 2011): unauthenticated content is not taken at all.
        var unwrapper = new InMemoryUnwrapper(Recipient);

        var refused = await RefusedAsync(EncryptedAssertion(data: SamlConstants.Algorithms.Aes256Cbc), unwrapper);

        Assert.Equal(SamlErrorCode.EncryptionAlgorithmNotAllowed, refused.Code);
        Assert.Empty(unwrapper.Asked);
    }

    [Theory]
    [InlineData(SamlConstants.Algorithms.Rsa15)]
    [InlineData("http://www.w3.org/2001/04/xmlenc#kw-aes256")]
    public async Task Decrypt_KeyTransportNotRsaOaep_RefusedBeforeAnyKeyIsAsked(string transport)
    {
        var encrypted = EncryptedAssertion();
        Method(encrypted, "//xenc:EncryptedKey/xenc:EncryptionMethod").SetAttribute("Algorithm", transport);
        var unwrapper = new InMemoryUnwrapper(Recipient);

        var refused = await RefusedAsync(encrypted, unwrapper);

        Assert.Equal(SamlErrorCode.EncryptionAlgorithmNotAllowed, refused.Code);
        Assert.Empty(unwrapper.Asked);
    }

    public static TheoryData<string> Shapes => ["sibling-encrypted-key", "second-inline-key", "retrieval-method", "content-type", "cipher-reference"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Decrypt_AnythingButOneInlineKeyAndOneCipherValue_RefusedEncryptedAssertionInvalid(string shape)
    {
        var encrypted = EncryptedAssertion();
        var data = (XmlElement)encrypted.FirstChild!;
        var keyInfo = Method(encrypted, "xenc:EncryptedData/ds:KeyInfo");
        var key = (XmlElement)keyInfo.FirstChild!;
        switch (shape)
        {
            case "sibling-encrypted-key":
                encrypted.AppendChild(key.CloneNode(deep: true));
                break;
            case "second-inline-key":
                keyInfo.AppendChild(key.CloneNode(deep: true));
                break;
            case "retrieval-method":
                var retrieval = encrypted.OwnerDocument.CreateElement("ds", "RetrievalMethod", SamlConstants.Namespaces.XmlDsig);
                retrieval.SetAttribute("URI", "https://attacker.example/key");
                keyInfo.AppendChild(retrieval);
                break;
            case "content-type":
                data.SetAttribute("Type", "http://www.w3.org/2001/04/xmlenc#Content");
                break;
            case "cipher-reference":
                var cipherData = Method(encrypted, "xenc:EncryptedData/xenc:CipherData");
                cipherData.RemoveAll();
                cipherData.AppendChild(encrypted.OwnerDocument.CreateElement("xenc", "CipherReference", SamlConstants.Namespaces.XmlEnc));
                break;
        }

        var refused = await RefusedAsync(encrypted, new InMemoryUnwrapper(Recipient));

        Assert.Equal(SamlErrorCode.EncryptedAssertionInvalid, refused.Code);
    }

    [Fact]
    public async Task Decrypt_CipherValueBeyondTheLimit_RefusedBeforeAnyKeyIsAsked()
    {
        var unwrapper = new InMemoryUnwrapper(Recipient);

        var refused = await Assert.ThrowsAsync<SamlException>(() => AssertionDecryption.DecryptAsync(
            EncryptedAssertion(), unwrapper, SamlLimits.Default with { MaxCipherValueBytes = 64 }, TestContext.Current.CancellationToken));

        Assert.Equal(SamlErrorCode.CipherValueTooLarge, refused.Code);
        Assert.Empty(unwrapper.Asked);
    }

    private static Task<SamlException> RefusedAsync(XmlElement encrypted, IKeyUnwrapper unwrapper) =>
        Assert.ThrowsAsync<SamlException>(() => AssertionDecryption.DecryptAsync(encrypted, unwrapper, SamlLimits.Default, TestContext.Current.CancellationToken));

    /// <summary>A saml:EncryptedAssertion around what the broker's own writer encrypts, parsed as received.</summary>
    private static XmlElement EncryptedAssertion(
        XmlElement? assertion = null, string data = SamlConstants.Algorithms.Aes256Gcm, string transport = SamlConstants.Algorithms.RsaOaepMgf1p)
    {
        var document = new XmlDocument();
        var wrapper = document.CreateElement("saml", "EncryptedAssertion", SamlConstants.Namespaces.Assertion);
        document.AppendChild(wrapper);
        wrapper.AppendChild(XmlEncryption.Encrypt(assertion ?? Fixtures.Assertion().DocumentElement!, document, Recipient, data, transport));
        return SamlXml.Reparse(document).DocumentElement!;
    }

    private static XmlElement Method(XmlElement encrypted, string xpath) =>
        (XmlElement)encrypted.SelectSingleNode(xpath, SamlXml.Namespaces(encrypted.OwnerDocument))!;

    /// <summary>An unwrapper over an RSA key in memory; a test may replace its answer.</summary>
    private sealed class InMemoryUnwrapper(X509Certificate2 certificate) : IKeyUnwrapper
    {
        public List<EncryptedKeyTransport> Asked { get; } = [];

        public Func<EncryptedKeyTransport, byte[]?>? Answer { get; init; }

        public ValueTask<byte[]?> UnwrapAsync(EncryptedKeyTransport key, CancellationToken cancellationToken)
        {
            Asked.Add(key);
            if (Answer is not null)
            {
                return ValueTask.FromResult(Answer(key));
            }

            using var rsa = certificate.GetRSAPrivateKey()!;
            var padding = key.DigestMethod == SamlConstants.Algorithms.Sha256 ? RSAEncryptionPadding.OaepSHA256 : RSAEncryptionPadding.OaepSHA1;
            return ValueTask.FromResult<byte[]?>(rsa.Decrypt(key.CipherValue, padding));
        }
    }
}
