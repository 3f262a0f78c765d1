using NemLogin.Saml.Signing;

namespace NemLogin.Saml.Messages;

/// <summary>Writes OIOSAML 3 responses and reads response envelopes (SAML Core 3.3.3).</summary>
public static class ResponseXml
{
    /// <summary>
    /// A Success response to <see cref="AssertionDescriptor.Recipient"/> holding exactly one EncryptedAssertion. The assertion is
    /// signed directly (signature after its Issuer) before it is encrypted for <paramref name="encryption"/>; the Response
    /// itself is signed only when <paramref name="signResponse"/> (OIOSAML 3.0.3: it SHOULD NOT be, per SP option).
    /// </summary>
    public static Task<string> WriteSuccessAsync(
        string responseId,
        AssertionDescriptor assertion,
        EncryptionTarget encryption,
        ISamlSigner signer,
        bool signResponse,
        CancellationToken ct) =>
        ResponseWriter.WriteSuccessAsync(responseId, assertion, encryption, signer, signResponse, ct);

    /// <summary>
    /// A Success response to <see cref="AssertionDescriptor.Recipient"/> with one plain Assertion, signed directly: for an
    /// identity provider whose service provider accepts unencrypted assertions over https (an organisation's IdP toward the
    /// broker, the demo organisation IdP, tests).
    /// </summary>
    public static Task<string> WriteSuccessUnencryptedAsync(
        string responseId, AssertionDescriptor assertion, ISamlSigner signer, CancellationToken ct) =>
        ResponseWriter.WriteSuccessUnencryptedAsync(responseId, assertion, signer, ct);

    /// <summary>
    /// An error response without assertion: a top-level status (Requester or Responder), an optional second-level status
    /// (NoPassive, NoAuthnContext, ...) and message; signed when <paramref name="signer"/> is given.
    /// </summary>
    public static Task<string> WriteErrorAsync(
        string responseId,
        string issuer,
        string destination,
        string? inResponseTo,
        DateTimeOffset issueInstant,
        string statusCode,
        string? subStatusCode,
        string? statusMessage,
        ISamlSigner? signer,
        CancellationToken ct) =>
        ResponseWriter.WriteErrorAsync(
            responseId, issuer, destination, inResponseTo, issueInstant, statusCode, subStatusCode, statusMessage, signer, ct);

    /// <summary>Parses with <see cref="Xml.SafeXml"/> and reads the envelope and status; checks nothing of the profile.</summary>
    public static ReceivedMessage<SamlResponse> Read(string xml, SamlLimits limits) => ResponseReader.Read(xml, limits).Received;
}
