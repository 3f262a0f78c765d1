using System.Security.Cryptography;
using System.Xml;

namespace NemLogin.Saml.Encryption;

/// <summary>
/// RSA-OAEP key transport (XML Encryption 1.1, 5.5.2). RSA PKCS#1 v1.5 (rsa-1_5) is always refused: it is the
/// Bleichenbacher oracle of the 2012 XML Encryption attacks.
/// </summary>
internal static class KeyTransport
{
    private const string Mgf1Sha1 = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
    private const string Mgf1Sha384 = "http://www.w3.org/2009/xmlenc11#mgf1sha384";
    private const string Mgf1Sha512 = "http://www.w3.org/2009/xmlenc11#mgf1sha512";

    public static RSAEncryptionPadding PaddingForEncryption(string algorithm) => algorithm switch
    {
        SamlConstants.Algorithms.RsaOaep => RSAEncryptionPadding.OaepSHA256,
        SamlConstants.Algorithms.RsaOaepMgf1p => RSAEncryptionPadding.OaepSHA1,
        _ => throw NotAllowed(),
    };

    /// <summary>Reads the padding an EncryptedKey's EncryptionMethod asks for; refuses anything outside the allowed set.</summary>
    public static RSAEncryptionPadding PaddingForDecryption(XmlElement? encryptionMethod)
    {
        var (algorithm, digestMethod, mgfMethod) = Read(encryptionMethod);

        // XML Encryption 1.1, 5.5.2: the digest defaults to SHA-1; rsa-oaep-mgf1p fixes MGF1 to SHA-1, rsa-oaep names it (default SHA-1).
        var digest = digestMethod ?? SamlConstants.Algorithms.Sha1;
        var mgf = algorithm == SamlConstants.Algorithms.RsaOaepMgf1p ? Mgf1Sha1 : mgfMethod ?? Mgf1Sha1;

        // .NET's OAEP uses the same hash for the label digest and MGF1, so only matching pairs can be honoured.
        return (digest, mgf) switch
        {
            (SamlConstants.Algorithms.Sha1, Mgf1Sha1) => RSAEncryptionPadding.OaepSHA1,
            (SamlConstants.Algorithms.Sha256, SamlConstants.Algorithms.Mgf1Sha256) => RSAEncryptionPadding.OaepSHA256,
            (SamlConstants.Algorithms.Sha384, Mgf1Sha384) => RSAEncryptionPadding.OaepSHA384,
            (SamlConstants.Algorithms.Sha512, Mgf1Sha512) => RSAEncryptionPadding.OaepSHA512,
            _ => throw NotAllowed(),
        };
    }

    /// <summary>
    /// The key transport an EncryptedKey names, for a key store that decrypts it (<see cref="IKeyUnwrapper"/>): RSA-OAEP
    /// with SHA-1 or SHA-256 as digest and in MGF1; rsa-oaep-mgf1p names no MGF (it is MGF1-SHA-1 by definition). The URIs
    /// are returned as written, null where absent.
    /// </summary>
    public static (string Algorithm, string? DigestMethod, string? MaskGenerationFunction) ReadForUnwrap(XmlElement? encryptionMethod)
    {
        var (algorithm, digest, mgf) = Read(encryptionMethod);
        if (digest is not (null or SamlConstants.Algorithms.Sha1 or SamlConstants.Algorithms.Sha256)
            || (algorithm == SamlConstants.Algorithms.RsaOaepMgf1p && mgf is not null)
            || mgf is not (null or Mgf1Sha1 or SamlConstants.Algorithms.Mgf1Sha256))
        {
            throw NotAllowed();
        }

        return (algorithm, digest, mgf);
    }

    // RSA-OAEP only (rsa-1_5 is refused here, before any key is touched); no OAEPparams (a label nobody uses); each
    // parameter element at most once.
    private static (string Algorithm, string? Digest, string? Mgf) Read(XmlElement? encryptionMethod)
    {
        var algorithm = encryptionMethod?.GetAttribute("Algorithm");
        if (encryptionMethod is null || algorithm is not (SamlConstants.Algorithms.RsaOaep or SamlConstants.Algorithms.RsaOaepMgf1p))
        {
            throw NotAllowed();
        }

        if (Child(encryptionMethod, "OAEPparams", SamlConstants.Namespaces.XmlEnc) is not null)
        {
            throw NotAllowed();
        }

        return (
            algorithm,
            Child(encryptionMethod, "DigestMethod", SamlConstants.Namespaces.XmlDsig)?.GetAttribute("Algorithm"),
            Child(encryptionMethod, "MGF", SamlConstants.Namespaces.XmlEnc11)?.GetAttribute("Algorithm"));
    }

    private static XmlElement? Child(XmlElement parent, string localName, string namespaceUri)
    {
        var found = parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == namespaceUri).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw NotAllowed(),
        };
    }

    private static SamlException NotAllowed() =>
        new(SamlErrorCode.EncryptionAlgorithmNotAllowed, "The key transport algorithm is not allowed.");
}
