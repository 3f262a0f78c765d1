using NemLogin.Saml;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>
/// How a service provider's assertions are encrypted: the algorithms its metadata lists, in its order, where the broker
/// supports them; else AES-256-GCM content with rsa-oaep-mgf1p key transport. An administrator's policy overrides both.
/// </summary>
internal static class EncryptionChoice
{
    /// <summary>Data encryption the broker offers (OIOSAML 3: AES-256; GCM preferred, CBC for legacy SPs).</summary>
    public static readonly IReadOnlyList<string> DataAlgorithms =
        [SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.Aes256Cbc];

    /// <summary>Key transport the broker offers; RSA PKCS#1 v1.5 never (the XML Encryption padding-oracle attacks).</summary>
    public static readonly IReadOnlyList<string> KeyTransportAlgorithms =
        [SamlConstants.Algorithms.RsaOaep, SamlConstants.Algorithms.RsaOaepMgf1p];

    /// <summary>AES-256-GCM: authenticated, and decrypted by every current SAML stack (xmlsec1, xml-encryption, Shibboleth).</summary>
    public const string DefaultDataAlgorithm = SamlConstants.Algorithms.Aes256Gcm;

    /// <summary>
    /// rsa-oaep-mgf1p: the key transport the SAML 2.0 conformance requirements (saml-conformance-2.0-os, XML Encryption
    /// algorithms) oblige every implementation to decrypt. XML Encryption 1.1's rsa-oaep is not known to node-saml 5
    /// (xml-encryption 3.x) or xmlsec1 1.2, so it is sent only to SPs whose metadata lists it.
    /// </summary>
    public const string DefaultKeyTransportAlgorithm = SamlConstants.Algorithms.RsaOaepMgf1p;

    /// <summary>The first data encryption algorithm <paramref name="listed"/> names that the broker offers, or null.</summary>
    public static string? FirstDataAlgorithm(IEnumerable<string> listed) =>
        listed.FirstOrDefault(m => DataAlgorithms.Contains(m, StringComparer.Ordinal));

    /// <summary>The first key transport algorithm <paramref name="listed"/> names that the broker offers, or null.</summary>
    public static string? FirstKeyTransportAlgorithm(IEnumerable<string> listed) =>
        listed.FirstOrDefault(m => KeyTransportAlgorithms.Contains(m, StringComparer.Ordinal));
}
