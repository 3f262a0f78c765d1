using System.Xml;
using NemLogin.Saml.Encryption;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Tests.Messages;
using NemLogin.Saml.Validation;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Tests.Validation;

/// <summary>
/// What an attacker (or a faulty IdP) can do to a response: change the envelope, change the assertion inside, and
/// re-sign or re-encrypt it with whatever keys they hold.
/// </summary>
internal static class ResponseForge
{
    private const string A = SamlConstants.Namespaces.Assertion;

    public static XmlDocument Load(string xml) => SafeXml.Load(xml, SamlLimits.Default);

    public static XmlElement EncryptedAssertion(XmlDocument response) =>
        response.DocumentElement!.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "EncryptedAssertion");

    /// <summary>The decrypted assertion as its own document (what the SP sees after decryption).</summary>
    public static XmlDocument DecryptAssertion(string responseXml) =>
        Load(ResponseValidator.DecryptAssertionUnvalidated(responseXml, [TestParties.SpEncryption], SamlLimits.Default));

    /// <summary>
    /// Decrypts the assertion, lets <paramref name="mutate"/> change it, optionally replaces its signature with one by
    /// <paramref name="resigner"/>, and encrypts it again for the SP in place of the original.
    /// </summary>
    public static async Task<string> ChangeAssertionAsync(
        string responseXml, Action<XmlElement> mutate, ISamlSigner? resigner, CancellationToken ct)
    {
        var assertion = DecryptAssertion(responseXml).DocumentElement!;
        mutate(assertion);
        if (resigner is not null)
        {
            RemoveSignature(assertion);
            await XmlSignatureWriter.SignAsync(assertion, Child(assertion, "Issuer"), resigner, ct);
        }

        return Reencrypt(responseXml, assertion);
    }

    /// <summary>Puts <paramref name="assertion"/> (encrypted for the SP) where the response's EncryptedAssertion content was.</summary>
    public static string Reencrypt(string responseXml, XmlElement assertion)
    {
        var response = Load(responseXml);
        var wrapper = EncryptedAssertion(response);
        var target = TestParties.GcmTarget;
        var encrypted = XmlEncryption.Encrypt(
            assertion, response, target.Certificate, target.DataAlgorithm, target.KeyTransportAlgorithm);
        wrapper.RemoveAll();
        wrapper.AppendChild(encrypted);
        return response.OuterXml;
    }

    public static string ChangeEnvelope(string responseXml, Action<XmlElement> mutate)
    {
        var response = Load(responseXml);
        mutate(response.DocumentElement!);
        return response.OuterXml;
    }

    public static void RemoveSignature(XmlElement element)
    {
        var signature = element.ChildNodes.OfType<XmlElement>()
            .SingleOrDefault(e => e.LocalName == "Signature" && e.NamespaceURI == SamlConstants.Namespaces.XmlDsig);
        signature?.ParentNode!.RemoveChild(signature);
    }

    public static XmlElement Child(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == localName && e.NamespaceURI == A);

    public static XmlElement Descendant(XmlElement root, string localName) =>
        root.GetElementsByTagName(localName, A).OfType<XmlElement>().First();
}
