using NemLogin.Saml.Encryption;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>
/// Writes Response messages (SAML Core 3.3.3 / 3.2.2) in schema order (Issuer, Signature, Status, assertion) as text:
/// every login's response goes through here, so nothing is built as a DOM or canonicalized after the fact; the writer
/// keeps the canonical form of the element being signed as it writes it.
/// </summary>
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
        // verifies it after decryption without relying on the Response signature. Written as the root of its own text,
        // it declares every namespace it uses and stands alone as plaintext.
        byte[] plaintext;
        // Room for the assertion and the signature inserted into it, so the buffer stays in one piece.
        using (var assertionWriter = new SamlXmlWriter(16384))
        {
            var (assertionId, assertionSignatureIndex) = AssertionWriter.Write(assertionWriter, assertion);
            await SignAsync(assertionWriter, assertionId, assertionSignatureIndex, signer, ct).ConfigureAwait(false);
            plaintext = assertionWriter.ToUtf8();
        }

        // Room for the base64 of the ciphertext (4/3) and the envelope with two certificates.
        using var writer = new SamlXmlWriter((plaintext.Length * 4 / 3) + 6144);
        if (signResponse)
        {
            writer.BeginCanonical();
        }

        var signatureIndex = Envelope(writer, responseId, assertion.Issuer, assertion.Recipient, assertion.InResponseTo, assertion.IssueInstant);
        WriteStatus(writer, SamlConstants.StatusCodes.Success, null, null);
        writer.Start(XmlWrite.AssertionPrefix, "EncryptedAssertion", A);
        XmlEncryption.Write(writer, plaintext, encryption.Certificate, encryption.DataAlgorithm, encryption.KeyTransportAlgorithm);
        writer.End().End();
        if (signResponse)
        {
            await SignAsync(writer, responseId, signatureIndex, signer, ct).ConfigureAwait(false);
        }

        return writer.ToString();
    }

    /// <summary>
    /// A Success response holding one plain, directly signed Assertion (no encryption): what an organisation's own IdP may
    /// send the broker over https.
    /// </summary>
    public static async Task<string> WriteSuccessUnencryptedAsync(
        string responseId, AssertionDescriptor assertion, ISamlSigner signer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(signer);
        using var writer = new SamlXmlWriter();
        Envelope(writer, responseId, assertion.Issuer, assertion.Recipient, assertion.InResponseTo, assertion.IssueInstant);
        WriteStatus(writer, SamlConstants.StatusCodes.Success, null, null);
        var (assertionId, signatureIndex) = AssertionWriter.Write(writer, assertion);
        writer.End();
        await SignAsync(writer, assertionId, signatureIndex, signer, ct).ConfigureAwait(false);
        return writer.ToString();
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
        using var writer = new SamlXmlWriter(2048);
        if (signer is not null)
        {
            writer.BeginCanonical();
        }

        var signatureIndex = Envelope(writer, responseId, issuerValue, destination, inResponseTo, issueInstant);
        WriteStatus(writer, statusCode, subStatusCode, statusMessage);
        writer.End();
        if (signer is not null)
        {
            await SignAsync(writer, responseId, signatureIndex, signer, ct).ConfigureAwait(false);
        }

        return writer.ToString();
    }

    /// <summary>Starts the Response and writes its Issuer; returns the position after the Issuer, where a signature goes.</summary>
    private static int Envelope(
        SamlXmlWriter writer, string responseId, string issuer, string destination, string? inResponseTo, DateTimeOffset issueInstant)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseId);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(destination);

        writer.Start(XmlWrite.ProtocolPrefix, "Response", P)
            .Declare(XmlWrite.AssertionPrefix, A)
            .Attribute("ID", responseId)
            .Attribute("Version", SamlConstants.Version)
            .Attribute("IssueInstant", SamlInstant.Format(issueInstant))
            .Attribute("Destination", destination)
            .Attribute("InResponseTo", inResponseTo);
        writer.TextElement(XmlWrite.AssertionPrefix, "Issuer", A, issuer);
        return writer.Length;
    }

    private static void WriteStatus(SamlXmlWriter writer, string statusCode, string? subStatusCode, string? statusMessage)
    {
        writer.Start(XmlWrite.ProtocolPrefix, "Status", P);
        writer.Start(XmlWrite.ProtocolPrefix, "StatusCode", P).Attribute("Value", statusCode);
        if (subStatusCode is not null)
        {
            // SAML Core 3.2.2.2: a second-level code nests inside the top-level one.
            writer.Start(XmlWrite.ProtocolPrefix, "StatusCode", P).Attribute("Value", subStatusCode).End();
        }

        writer.End();
        if (statusMessage is not null)
        {
            writer.TextElement(XmlWrite.ProtocolPrefix, "StatusMessage", P, statusMessage);
        }

        writer.End();
    }

    /// <summary>Signs the writer's canonical element and puts its ds:Signature at <paramref name="index"/>.</summary>
    private static async Task SignAsync(SamlXmlWriter writer, string id, int index, ISamlSigner signer, CancellationToken ct)
    {
        var digest = writer.TakeCanonicalSha256();
        writer.Insert(index, await SignatureElement.WriteAsync(id, digest, signer, ct).ConfigureAwait(false));
    }
}
