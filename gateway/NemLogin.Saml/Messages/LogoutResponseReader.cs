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
        var (document, root) = ProtocolMessageRoot.Load(xml, limits, P, "samlp:LogoutResponse");

        var children = new ElementSequence(root, Schema);
        var issuer = children.Optional(A, "Issuer");
        children.Optional(SamlConstants.Namespaces.XmlDsig, "Signature");
        children.Optional(P, "Extensions");
        var status = children.Required(P, "Status");
        children.End();

        var (code, subCode, message) = StatusReader.Read(status);
        var response = new LogoutResponse
        {
            Id = XmlRead.RequiredAttribute(root, "ID", Schema),
            InResponseTo = XmlRead.Attribute(root, "InResponseTo"),
            IssueInstant = XmlRead.RequiredInstant(root, "IssueInstant", Schema),
            Destination = XmlRead.Attribute(root, "Destination"),
            Issuer = issuer is null ? string.Empty : SafeXml.ReadIdentifier(issuer),
            IssuerFormat = issuer is null ? null : XmlRead.Attribute(issuer, "Format"),
            StatusCode = code,
            SubStatusCode = subCode,
            StatusMessage = message,
        };

        return new ReceivedMessage<LogoutResponse>(response, document, root, xml);
    }
}
