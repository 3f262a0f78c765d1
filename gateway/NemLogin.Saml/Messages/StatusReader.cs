using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>
/// Reads a samlp:Status (SAML Core 3.2.2.1–3.2.2.2): the top-level code, at most the one nested level the broker
/// interprets, the message.
/// </summary>
internal static class StatusReader
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const SamlErrorCode Schema = SamlErrorCode.XmlSchemaViolation;

    public static (string Code, string? SubCode, string? Message) Read(XmlElement status)
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
