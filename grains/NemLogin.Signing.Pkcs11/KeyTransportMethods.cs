using NemLogin.Grains.Errors;
using System.Security.Cryptography;

namespace NemLogin.Grains.Signing;

/// <summary>
/// The key transport a broker key decrypts: RSA-OAEP only, with SHA-1 or SHA-256 as label digest and in MGF1 (XML
/// Encryption 1.1 §5.5.2). RSA PKCS#1 v1.5 (<c>xmlenc#rsa-1_5</c>) is refused before any key is touched: a decryptor
/// whose answer depends on v1.5 padding is Bleichenbacher's oracle (1998), which broke XML Encryption in 2012 (Jager,
/// Schinzel, Somorovsky). Every refusal is <see cref="BrokerError.SigningDecryptionAlgorithmRefused"/>; the algorithm is
/// public, so naming it reveals nothing.
/// </summary>
public static class KeyTransportMethods
{
    public const string RsaOaepMgf1p = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    public const string RsaOaep = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public const string Rsa15 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
    public const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string Mgf1Sha1 = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
    public const string Mgf1Sha256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";

    /// <summary>The OAEP parameters <paramref name="method"/> names; refuses everything else.</summary>
    public static RsaOaepParameters Resolve(KeyTransportMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Algorithm switch
        {
            Rsa15 => throw Refused("RSA PKCS#1 v1.5 key transport (xmlenc#rsa-1_5) is refused: it is a Bleichenbacher padding oracle."),

            // rsa-oaep-mgf1p fixes MGF1 to SHA-1; only the label digest may be named (default SHA-1).
            RsaOaepMgf1p when method.MaskGenerationFunction is null => new(Digest(method.DigestMethod), HashAlgorithmName.SHA1),
            RsaOaepMgf1p => throw Refused("rsa-oaep-mgf1p fixes the mask generation function to MGF1 with SHA-1; it names none."),
            RsaOaep => new(Digest(method.DigestMethod), Mgf1(method.MaskGenerationFunction)),
            _ => throw Refused($"The key transport '{Shorten(method.Algorithm)}' is not RSA-OAEP; the broker decrypts RSA-OAEP only."),
        };
    }

    private static HashAlgorithmName Digest(string? uri) => uri switch
    {
        null or Sha1 => HashAlgorithmName.SHA1,
        Sha256 => HashAlgorithmName.SHA256,
        _ => throw Refused($"The OAEP digest '{Shorten(uri)}' is not SHA-1 or SHA-256."),
    };

    private static HashAlgorithmName Mgf1(string? uri) => uri switch
    {
        null or Mgf1Sha1 => HashAlgorithmName.SHA1,
        Mgf1Sha256 => HashAlgorithmName.SHA256,
        _ => throw Refused($"The mask generation function '{Shorten(uri)}' is not MGF1 with SHA-1 or SHA-256."),
    };

    // A sender chooses the URI: it is echoed into messages and logs only in part.
    private static string Shorten(string uri) => uri.Length <= 100 ? uri : uri[..100] + "…";

    private static GrainRuleException Refused(string message) =>
        new(BrokerErrors.Name(BrokerError.SigningDecryptionAlgorithmRefused), message);
}
