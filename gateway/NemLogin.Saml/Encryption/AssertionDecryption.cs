using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Encryption;

/// <summary>
/// Decrypts a Response's one EncryptedAssertion when the content key comes from a key store (<see cref="IKeyUnwrapper"/>),
/// strictly: one EncryptedData of type Element holding one inline EncryptedKey and a CipherValue (never a CipherReference:
/// nothing is fetched), AES-GCM content only, RSA-OAEP key transport only, sizes bounded before anything is decrypted, and
/// the plaintext exactly one saml:Assertion in a document of its own. AES-CBC is refused although the broker still writes
/// it for legacy service providers: unauthenticated CBC is the padding and parsing oracle that broke XML Encryption
/// (Jager and Somorovsky, "How to break XML Encryption", 2011); GCM authenticates the ciphertext before anything is parsed.
/// Every failure that depends on the ciphertext — the key not recovered, a key of the wrong length, a GCM tag that does
/// not verify — is the one DecryptionFailed, and a key that is not recovered is replaced by a random one so the content
/// step still runs (the same work either way).
/// </summary>
internal static class AssertionDecryption
{
    private const string Xenc = SamlConstants.Namespaces.XmlEnc;
    private const string Ds = SamlConstants.Namespaces.XmlDsig;
    private const SamlErrorCode Invalid = SamlErrorCode.EncryptedAssertionInvalid;
    private const string ElementType = "http://www.w3.org/2001/04/xmlenc#Element";

    public static async Task<XmlElement> DecryptAsync(
        XmlElement encryptedAssertion, IKeyUnwrapper unwrapper, SamlLimits limits, CancellationToken cancellationToken)
    {
        var encryptedData = OnlyEncryptedData(encryptedAssertion);
        var (dataAlgorithm, keyInfo, cipherData) = ReadEncryptedData(encryptedData);
        var keyBytes = ValidateDataAlgorithm(dataAlgorithm);
        var key = ReadEncryptedKey(OnlyEncryptedKey(keyInfo));
        var cipherValue = CipherValue(cipherData, limits.MaxCipherValueBytes);
        var plaintext = await DecryptContentAsync(dataAlgorithm, keyBytes, cipherValue, key, unwrapper, cancellationToken).ConfigureAwait(false);
        return ReadAssertion(plaintext, limits);
    }

    // SAML Core 2.3.4: EncryptedAssertion holds EncryptedData and optionally EncryptedKeys; the broker takes the key inline
    // only, so anything besides the one EncryptedData is refused.
    private static XmlElement OnlyEncryptedData(XmlElement encryptedAssertion)
    {
        var children = new ElementSequence(encryptedAssertion, Invalid);
        var data = children.Required(Xenc, "EncryptedData");
        children.End();
        return data;
    }

    // XML Encryption 1.1, 3.4 / 3.1: EncryptionMethod, ds:KeyInfo, CipherData, EncryptionProperties; of type Element.
    private static (string Algorithm, XmlElement KeyInfo, XmlElement CipherData) ReadEncryptedData(XmlElement encryptedData)
    {
        if (XmlRead.Attribute(encryptedData, "Type") is { } type && type != ElementType)
        {
            throw new SamlException(Invalid, "The EncryptedData is not of type Element.");
        }

        var children = new ElementSequence(encryptedData, Invalid);
        var method = children.Required(Xenc, "EncryptionMethod");
        var keyInfo = children.Required(Ds, "KeyInfo");
        var cipherData = children.Required(Xenc, "CipherData");
        children.Optional(Xenc, "EncryptionProperties");
        children.End();
        return (XmlRead.Attribute(method, "Algorithm") ?? string.Empty, keyInfo, cipherData);
    }

    // XML Encryption 1.1, 5.2.4: AES-GCM only (see the class summary for CBC).
    private static int ValidateDataAlgorithm(string algorithm) =>
        algorithm is SamlConstants.Algorithms.Aes256Gcm or SamlConstants.Algorithms.Aes128Gcm
            ? ContentCipher.KeyBytes(algorithm)!.Value
            : throw new SamlException(SamlErrorCode.EncryptionAlgorithmNotAllowed, "The data encryption algorithm is not AES-GCM.");

    // The one key, inline: no RetrievalMethod (nothing is dereferenced), no second recipient's key to choose among.
    private static XmlElement OnlyEncryptedKey(XmlElement keyInfo)
    {
        var children = new ElementSequence(keyInfo, Invalid);
        var key = children.Required(Xenc, "EncryptedKey");
        children.End();
        return key;
    }

    // XML Encryption 1.1, 3.5.1: EncryptedKey is EncryptedType plus ReferenceList and CarriedKeyName.
    private static EncryptedKeyTransport ReadEncryptedKey(XmlElement encryptedKey)
    {
        var children = new ElementSequence(encryptedKey, Invalid);
        var method = children.Required(Xenc, "EncryptionMethod");
        var keyInfo = children.Optional(Ds, "KeyInfo");
        var cipherData = children.Required(Xenc, "CipherData");
        children.Optional(Xenc, "EncryptionProperties");
        children.Optional(Xenc, "ReferenceList");
        children.Optional(Xenc, "CarriedKeyName");
        children.End();

        var (algorithm, digest, mgf) = KeyTransport.ReadForUnwrap(method);
        return new EncryptedKeyTransport(algorithm, digest, mgf, CipherValue(cipherData, SamlLimits.MaxEncryptedKeyBytes), RecipientCertificate(keyInfo));
    }

    // A ds:X509Certificate in the EncryptedKey's KeyInfo names which of our keys was used; at most one is meaningful.
    private static X509Certificate2? RecipientCertificate(XmlElement? keyInfo)
    {
        var certificates = keyInfo?.ChildNodes.OfType<XmlElement>()
            .Where(e => XmlRead.Is(e, Ds, "X509Data"))
            .SelectMany(d => d.ChildNodes.OfType<XmlElement>().Where(e => XmlRead.Is(e, Ds, "X509Certificate")))
            .ToList() ?? [];
        if (certificates.Count == 0)
        {
            return null;
        }

        try
        {
            return certificates.Count == 1
                ? X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificates[0].InnerText))
                : throw new SamlException(Invalid, "The EncryptedKey names more than one recipient certificate.");
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            throw new SamlException(Invalid, "The EncryptedKey's recipient certificate is not a certificate.", exception);
        }
    }

    private static byte[] CipherValue(XmlElement cipherData, int maxBytes)
    {
        var children = new ElementSequence(cipherData, Invalid);
        var value = children.Required(Xenc, "CipherValue");
        children.End();
        var text = value.InnerText;

        // Base64 needs 4 characters per 3 bytes; the slack allows line breaks. Refused before decoding.
        if (text.Length > (maxBytes / 3 + 1) * 4 * 2)
        {
            throw new SamlException(SamlErrorCode.CipherValueTooLarge, "The CipherValue is larger than the broker takes.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException exception)
        {
            throw new SamlException(Invalid, "The CipherValue is not base64.", exception);
        }

        return bytes.Length <= maxBytes
            ? bytes
            : throw new SamlException(SamlErrorCode.CipherValueTooLarge, "The CipherValue is larger than the broker takes.");
    }

    private static async Task<byte[]> DecryptContentAsync(
        string dataAlgorithm, int keyBytes, byte[] cipherValue, EncryptedKeyTransport key, IKeyUnwrapper unwrapper, CancellationToken cancellationToken)
    {
        var recovered = await unwrapper.UnwrapAsync(key, cancellationToken).ConfigureAwait(false);
        var usable = recovered is not null && recovered.Length == keyBytes;
        var contentKey = usable ? recovered! : RandomNumberGenerator.GetBytes(keyBytes);
        try
        {
            var plaintext = ContentCipher.Decrypt(dataAlgorithm, contentKey, cipherValue);
            return usable ? plaintext : throw Failed();
        }
        catch (CryptographicException exception)
        {
            throw Failed(exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
            if (recovered is not null)
            {
                CryptographicOperations.ZeroMemory(recovered);
            }
        }
    }

    // The plaintext of an Element-typed EncryptedData is one element: here it must be one saml:Assertion, parsed with the
    // same hardened reader as any received message, in a document of its own (so no reference inside it can reach the
    // Response around it, nor the other way round).
    private static XmlElement ReadAssertion(byte[] plaintext, SamlLimits limits)
    {
        XmlDocument document;
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(plaintext);
            document = SafeXml.Load(text, limits);
        }
        catch (Exception exception) when (exception is DecoderFallbackException or SamlException)
        {
            throw new SamlException(Invalid, "The decrypted content is not one XML element.", exception);
        }

        var root = document.DocumentElement!;
        return XmlRead.Is(root, SamlConstants.Namespaces.Assertion, "Assertion")
            ? root
            : throw new SamlException(Invalid, "The decrypted content is not a saml:Assertion.");
    }

    private static SamlException Failed(Exception? inner = null) => inner is null
        ? new(SamlErrorCode.DecryptionFailed, "The encrypted assertion could not be decrypted.")
        : new(SamlErrorCode.DecryptionFailed, "The encrypted assertion could not be decrypted.", inner);
}
