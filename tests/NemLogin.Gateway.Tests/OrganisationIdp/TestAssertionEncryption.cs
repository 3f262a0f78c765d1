using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.OrganisationIdp;

/// <summary>
/// Encrypts the signed assertion of a Response a <see cref="TestOrganisationIdp"/> minted, the way an organisation's IdP
/// would: written here from the XML Encryption specification (not with the broker's own writer), with every choice open to
/// a test — algorithms, the recipient, tampering — or by <c>xmlsec1 --encrypt</c>, an independent implementation.
/// </summary>
public static class TestAssertionEncryption
{
    public const string Xenc = "http://www.w3.org/2001/04/xmlenc#";
    public const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";

    /// <summary>How to encrypt: the defaults are what the broker's metadata asks first (AES-256-GCM, rsa-oaep-mgf1p).</summary>
    public sealed record Choices
    {
        public string DataAlgorithm { get; init; } = SamlConstants.Algorithms.Aes256Gcm;

        public string KeyTransport { get; init; } = SamlConstants.Algorithms.RsaOaepMgf1p;

        public RSAEncryptionPadding Padding { get; init; } = RSAEncryptionPadding.OaepSHA1;

        /// <summary>ds:DigestMethod and xenc11:MGF inside the key transport's EncryptionMethod, when set.</summary>
        public string? DigestMethod { get; init; }

        public string? Mgf { get; init; }

        /// <summary>Whether the EncryptedKey's KeyInfo names the recipient certificate.</summary>
        public bool NameRecipient { get; init; } = true;

        /// <summary>Changes the plaintext before encryption (another element, two assertions).</summary>
        public Func<string, string>? Plaintext { get; init; }

        /// <summary>Changes the content CipherValue bytes after encryption (a flipped tag bit).</summary>
        public Func<byte[], byte[]>? Content { get; init; }

        /// <summary>Changes the EncryptedKey CipherValue bytes after encryption.</summary>
        public Func<byte[], byte[]>? Key { get; init; }
    }

    /// <summary>The Response with its one saml:Assertion replaced by a saml:EncryptedAssertion for <paramref name="recipient"/>.</summary>
    public static string Encrypt(string responseXml, X509Certificate2 recipient, Choices? choices = null)
    {
        choices ??= new Choices();
        var (document, assertion) = Load(responseXml);
        var plaintext = choices.Plaintext is null ? assertion.OuterXml : choices.Plaintext(assertion.OuterXml);
        var key = RandomNumberGenerator.GetBytes(choices.DataAlgorithm is SamlConstants.Algorithms.Aes128Gcm or SamlConstants.Algorithms.Aes128Cbc ? 16 : 32);
        var content = EncryptContent(choices.DataAlgorithm, key, Encoding.UTF8.GetBytes(plaintext));
        using var rsa = recipient.GetRSAPublicKey()!;
        var encryptedKey = rsa.Encrypt(key, choices.Padding);

        var parameters = (choices.DigestMethod is null ? string.Empty : $"""<ds:DigestMethod xmlns:ds="{Ds}" Algorithm="{choices.DigestMethod}"/>""")
            + (choices.Mgf is null ? string.Empty : $"""<xenc11:MGF xmlns:xenc11="http://www.w3.org/2009/xmlenc11#" Algorithm="{choices.Mgf}"/>""");
        var keyInfo = choices.NameRecipient
            ? $"""<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Convert.ToBase64String(recipient.RawData)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"""
            : string.Empty;
        var encryptedData = $"""
            <xenc:EncryptedData xmlns:xenc="{Xenc}" xmlns:ds="{Ds}" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="{choices.DataAlgorithm}"/><ds:KeyInfo><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="{choices.KeyTransport}">{parameters}</xenc:EncryptionMethod>{keyInfo}<xenc:CipherData><xenc:CipherValue>{Convert.ToBase64String(choices.Key?.Invoke(encryptedKey) ?? encryptedKey)}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>{Convert.ToBase64String(choices.Content?.Invoke(content) ?? content)}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>
            """;
        return Replace(document, assertion, encryptedData);
    }

    /// <summary>
    /// The same with <c>xmlsec1 --encrypt</c> (libxmlsec 1.2.37): AES-256-GCM content and rsa-oaep-mgf1p key transport, the
    /// pair it implements, from a template; its session key and IV are its own.
    /// </summary>
    public static async Task<string> EncryptWithXmlsec1Async(string responseXml, X509Certificate2 recipient)
    {
        var (document, assertion) = Load(responseXml);
        var directory = Directory.CreateTempSubdirectory("nemlogin-xmlsec1-encrypt-").FullName;
        try
        {
            var certificate = Path.Combine(directory, "broker-encryption.pem");
            var data = Path.Combine(directory, "assertion.xml");
            var template = Path.Combine(directory, "template.xml");
            await File.WriteAllTextAsync(certificate, recipient.ExportCertificatePem(), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(data, assertion.OuterXml, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(template, $"""
                <xenc:EncryptedData xmlns:xenc="{Xenc}" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="{SamlConstants.Algorithms.Aes256Gcm}"/><ds:KeyInfo xmlns:ds="{Ds}"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="{SamlConstants.Algorithms.RsaOaepMgf1p}"/><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>
                """, TestContext.Current.CancellationToken);

            var result = await ExternalTool.RunAsync("xmlsec1",
                ["--encrypt", "--pubkey-cert-pem", certificate, "--session-key", "aes-256", "--xml-data", data, "--node-xpath", "/*", template]);

            Assert.True(result.ExitCode == 0, $"xmlsec1 --encrypt failed: {result.StandardError}");
            var encrypted = new XmlDocument { PreserveWhitespace = true };
            encrypted.LoadXml(result.StandardOutput);
            return Replace(document, assertion, encrypted.DocumentElement!.OuterXml);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The Response's one saml:Assertion element, by position (the child after Status).</summary>
    public static (XmlDocument Document, XmlElement Assertion) Load(string responseXml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(responseXml);
        var assertion = document.DocumentElement!.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Assertion" && e.NamespaceURI == Assertion);
        return (document, assertion);
    }

    private static string Replace(XmlDocument document, XmlElement assertion, string encryptedDataXml)
    {
        var wrapper = document.CreateElement("saml", "EncryptedAssertion", Assertion);
        var fragment = new XmlDocument { PreserveWhitespace = true };
        fragment.LoadXml(encryptedDataXml);
        wrapper.AppendChild(document.ImportNode(fragment.DocumentElement!, deep: true));
        assertion.ParentNode!.ReplaceChild(wrapper, assertion);
        return document.OuterXml;
    }

    // XML Encryption 1.1 §5.2: GCM CipherValue = IV (96 bits) ‖ ciphertext ‖ tag (128 bits); CBC = IV ‖ ciphertext (PKCS#7).
    private static byte[] EncryptContent(string algorithm, byte[] key, byte[] plaintext)
    {
        if (algorithm is SamlConstants.Algorithms.Aes256Cbc or SamlConstants.Algorithms.Aes128Cbc)
        {
            using var aes = Aes.Create();
            aes.Key = key;
            var iv = RandomNumberGenerator.GetBytes(16);
            return [.. iv, .. aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7)];
        }

        var output = new byte[12 + plaintext.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var gcm = new AesGcm(key, 16);
        gcm.Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(12, plaintext.Length), output.AsSpan(12 + plaintext.Length));
        return output;
    }
}
