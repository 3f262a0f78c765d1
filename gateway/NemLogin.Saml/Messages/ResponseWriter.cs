using System.Xml;
using NemLogin.Saml.Encryption;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Messages;

/// <summary>Builds Response messages (SAML Core 3.3.3 / 3.2.2) in schema order: Issuer, Signature, Status, EncryptedAssertion.</summary>
internal static class ResponseWriter
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const string A = SamlConstants.Namespaces.Assertion;

    public static async Task<string> WriteSuccessAsync(
        string responseId,
        AssertionDescriptor assertion,
        EncryptionTarget encryption,
        ISamlSigner signer,
        bool signResponse,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        ArgumentNullException.ThrowIfNull(signer);

        // OIOSAML 3.0.3: the assertion is signed directly, and signed before it is encrypted, so a service provider
        // verifies it after decryption without relying on the Response signature.
        var (assertionDocument, assertionIssuer) = AssertionWriter.Build(assertion);
        var assertionRoot = assertionDocument.DocumentElement!;
        await XmlSignatureWriter.SignAsync(assertionRoot, assertionIssuer, signer, ct).ConfigureAwait(false);

        var (document, root, issuer) = Envelope(
            responseId, assertion.Issuer, assertion.Recipient, assertion.InResponseTo, assertion.IssueInstant);
        WriteStatus(root, SamlConstants.StatusCodes.Success, null, null);
        var encryptedAssertion = XmlWrite.Child(root, XmlWrite.AssertionPrefix, A, "EncryptedAssertion");
        var encryptedData = XmlEncryption.Encrypt(
            assertionRoot, document, encryption.Certificate, encryption.DataAlgorithm, encryption.KeyTransportAlgorithm);
        encryptedAssertion.AppendChild(encryptedData);

        if (signResponse)
        {
            await XmlSignatureWriter.SignAsync(root, issuer, signer, ct).ConfigureAwait(false);
        }

        return document.OuterXml;
    }

    /// <summary>
    /// A Success response holding one plain, directly signed Assertion (no encryption): what an organisation's own IdP may
    /// send the broker over https, since the broker decrypts nothing outside its signer pool.
    /// </summary>
    public static async Task<string> WriteSuccessUnencryptedAsync(
        string responseId, AssertionDescriptor assertion, ISamlSigner signer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var (assertionDocument, assertionIssuer) = AssertionWriter.Build(assertion);
        await XmlSignatureWriter.SignAsync(assertionDocument.DocumentElement!, assertionIssuer, signer, ct).ConfigureAwait(false);

        var (document, root, _) = Envelope(
            responseId, assertion.Issuer, assertion.Recipient, assertion.InResponseTo, assertion.IssueInstant);
        WriteStatus(root, SamlConstants.StatusCodes.Success, null, null);
        root.AppendChild(document.ImportNode(assertionDocument.DocumentElement!, deep: true));
        return document.OuterXml;
    }

    public static async Task<string> WriteErrorAsync(
        string responseId,
        string issuerValue,
        string destination,
        string? inResponseTo,
        DateTimeOffset issueInstant,
        string statusCode,
        string? subStatusCode,
        string? statusMessage,
        ISamlSigner? signer,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(statusCode);
        var (document, root, issuer) = Envelope(responseId, issuerValue, destination, inResponseTo, issueInstant);
        WriteStatus(root, statusCode, subStatusCode, statusMessage);
        if (signer is not null)
        {
            await XmlSignatureWriter.SignAsync(root, issuer, signer, ct).ConfigureAwait(false);
        }

        return document.OuterXml;
    }

    private static (XmlDocument Document, XmlElement Root, XmlElement Issuer) Envelope(
        string responseId, string issuer, string destination, string? inResponseTo, DateTimeOffset issueInstant)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseId);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(destination);

        var document = XmlWrite.NewDocument();
        var root = XmlWrite.Root(document, XmlWrite.ProtocolPrefix, P, "Response");
        XmlWrite.Namespace(root, XmlWrite.AssertionPrefix, A);
        root.SetAttribute("ID", responseId);
        root.SetAttribute("Version", SamlConstants.Version);
        root.SetAttribute("IssueInstant", SamlInstant.Format(issueInstant));
        root.SetAttribute("Destination", destination);
        XmlWrite.Attribute(root, "InResponseTo", inResponseTo);
        var issuerElement = XmlWrite.Issuer(root, issuer);
        return (document, root, issuerElement);
    }

    private static void WriteStatus(XmlElement root, string statusCode, string? subStatusCode, string? statusMessage)
    {
        var status = XmlWrite.Child(root, XmlWrite.ProtocolPrefix, P, "Status");
        var code = XmlWrite.Child(status, XmlWrite.ProtocolPrefix, P, "StatusCode");
        code.SetAttribute("Value", statusCode);
        if (subStatusCode is not null)
        {
            // SAML Core 3.2.2.2: a second-level code nests inside the top-level one.
            var sub = XmlWrite.Child(code, XmlWrite.ProtocolPrefix, P, "StatusCode");
            sub.SetAttribute("Value", subStatusCode);
        }

        if (statusMessage is not null)
        {
            XmlWrite.TextChild(status, XmlWrite.ProtocolPrefix, P, "StatusMessage", statusMessage);
        }
    }
}
