using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Reads a Response envelope (SAML Core 3.2.2, 3.3.3), reporting structural errors only.</summary>
internal static class ResponseReader
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const string A = SamlConstants.Namespaces.Assertion;
    private const SamlErrorCode Schema = SamlErrorCode.XmlSchemaViolation;

    public static ResponseContent Read(string xml, SamlLimits limits)
    {
        var (document, root) = ProtocolMessageRoot.Load(xml, limits, P, "samlp:Response");

        var children = new ElementSequence(root, Schema);
        var issuer = children.Optional(A, "Issuer");
        children.Optional(SamlConstants.Namespaces.XmlDsig, "Signature");
        children.Optional(P, "Extensions");
        var status = children.Required(P, "Status");
        var assertions = children.Many(A, "Assertion", "EncryptedAssertion");
        children.End();

        var (statusCode, subStatusCode, statusMessage) = StatusReader.Read(status);
        var response = new SamlResponse
        {
            Id = XmlRead.RequiredAttribute(root, "ID", Schema),
            InResponseTo = XmlRead.Attribute(root, "InResponseTo"),
            Destination = XmlRead.Attribute(root, "Destination"),
            Issuer = issuer is null ? string.Empty : SafeXml.ReadIdentifier(issuer),
            StatusCode = statusCode,
            SubStatusCode = subStatusCode,
            StatusMessage = statusMessage,
            IssueInstant = XmlRead.RequiredInstant(root, "IssueInstant", Schema),
        };

        return new ResponseContent(
            new ReceivedMessage<SamlResponse>(response, document, root, xml),
            issuer is null ? null : XmlRead.Attribute(issuer, "Format"),
            [.. assertions.Where(e => e.LocalName == "EncryptedAssertion").Select(ReadEncryptedData)],
            [.. assertions.Where(e => e.LocalName == "Assertion")],
            [.. assertions.Where(e => e.LocalName == "EncryptedAssertion")]);
    }

    private static XmlElement ReadEncryptedData(XmlElement encryptedAssertion)
    {
        // SAML Core 2.3.4: EncryptedData, then any EncryptedKey siblings.
        var children = new ElementSequence(encryptedAssertion, Schema);
        var data = children.Required(SamlConstants.Namespaces.XmlEnc, "EncryptedData");
        children.Many(SamlConstants.Namespaces.XmlEnc, "EncryptedKey");
        children.End();
        return data;
    }
}
