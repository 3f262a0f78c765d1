using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Reads a LogoutResponse (SAML Core 3.7.2, StatusResponseType 3.2.2), reporting structural errors only.</summary>
internal static class LogoutResponseReader
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const string A = SamlConstants.Namespaces.Assertion;
    private const SamlErrorCode Schema = SamlErrorCode.XmlSchemaViolation;

    public static ReceivedMessage<LogoutResponse> Read(string xml, SamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(limits);

        var document = SafeXml.Load(xml, limits);
        SafeXml.EnsureUniqueIds(document);
        var root = document.DocumentElement
            ?? throw new SamlException(SamlErrorCode.XmlMalformed, "The document has no root element.");
        if (!XmlRead.Is(root, P, "LogoutResponse"))
        {
            throw new SamlException(SamlErrorCode.XmlUnexpectedRoot, $"Expected samlp:LogoutResponse, got {root.LocalName}.");
        }

        ProtocolVersion.Ensure(root);

        var children = new ElementSequence(root, Schema);
        var issuer = children.Optional(A, "Issuer");
        children.Optional(SamlConstants.Namespaces.XmlDsig, "Signature");
        children.Optional(P, "Extensions");
        var status = children.Required(P, "Status");
        children.End();

        var (code, subCode, message) = ReadStatus(status);
        var response = new LogoutResponse
        {
            Id = XmlRead.RequiredAttribute(root, "ID", Schema),
            InResponseTo = XmlRead.Attribute(root, "InResponseTo"),
            IssueInstant = XmlRead.RequiredInstant(root, "IssueInstant", Schema),
            Destination = XmlRead.Attribute(root, "Destination"),
            Issuer = issuer is null ? string.Empty : SafeXml.ReadIdentityText(issuer),
            IssuerFormat = issuer is null ? null : XmlRead.Attribute(issuer, "Format"),
            StatusCode = code,
            SubStatusCode = subCode,
            StatusMessage = message,
        };

        return new ReceivedMessage<LogoutResponse>(response, document, root, xml);
    }

    // SAML Core 3.2.2.1–3.2.2.2: StatusCode (with at most the one nested level the broker interprets), StatusMessage, StatusDetail.
    private static (string Code, string? SubCode, string? Message) ReadStatus(XmlElement status)
    {
        var children = new ElementSequence(status, Schema);
        var code = children.Required(P, "StatusCode");
        var message = children.Optional(P, "StatusMessage");
        children.Optional(P, "StatusDetail");
        children.End();

        var codeChildren = new ElementSequence(code, Schema);
        var subCode = codeChildren.Optional(P, "StatusCode");
        codeChildren.End();

        return (
            XmlRead.RequiredAttribute(code, "Value", Schema),
            subCode is null ? null : XmlRead.RequiredAttribute(subCode, "Value", Schema),
            message is null ? null : SafeXml.ReadIdentityText(message));
    }
}
