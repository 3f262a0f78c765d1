using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>
/// Reads a LogoutRequest into the model, reporting only structural errors (SAML Core 3.7.1 schema); profile rules are the
/// validator's.
/// </summary>
internal static class LogoutRequestReader
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const string A = SamlConstants.Namespaces.Assertion;
    private const SamlErrorCode Schema = SamlErrorCode.XmlSchemaViolation;

    // More session indexes than any participant can hold is not a logout, it is a probe.
    private const int MaxSessionIndexes = 8;

    public static ReceivedMessage<LogoutRequest> Read(string xml, SamlLimits limits)
    {
        var (document, root) = ProtocolMessageRoot.Load(xml, limits, P, "samlp:LogoutRequest");

        var children = new ElementSequence(root, Schema);
        var issuer = children.Optional(A, "Issuer");
        children.Optional(SamlConstants.Namespaces.XmlDsig, "Signature");
        children.Optional(P, "Extensions");
        var nameId = ReadIdentifier(children);
        var sessionIndexes = children.Many(P, "SessionIndex");
        children.End();
        if (sessionIndexes.Count > MaxSessionIndexes)
        {
            throw new SamlException(Schema, $"The request names more than {MaxSessionIndexes} session indexes.");
        }

        var request = new LogoutRequest
        {
            Id = XmlRead.Attribute(root, "ID") ?? string.Empty,
            IssueInstant = XmlRead.RequiredInstant(root, "IssueInstant", Schema),
            Destination = XmlRead.Attribute(root, "Destination"),
            Issuer = issuer is null ? string.Empty : SafeXml.ReadIdentifier(issuer),
            IssuerFormat = issuer is null ? null : XmlRead.Attribute(issuer, "Format"),
            NotOnOrAfter = XmlRead.Instant(root, "NotOnOrAfter", Schema),
            Reason = XmlRead.Attribute(root, "Reason"),
            NameId = SafeXml.ReadIdentifier(nameId),
            NameIdFormat = XmlRead.Attribute(nameId, "Format"),
            NameQualifier = XmlRead.Attribute(nameId, "NameQualifier"),
            SpNameQualifier = XmlRead.Attribute(nameId, "SPNameQualifier"),
            SessionIndexes = [.. sessionIndexes.Select(SafeXml.ReadIdentifier)],
        };

        return new ReceivedMessage<LogoutRequest>(request, document, root, xml);
    }

    // SAML Core 3.7.1: exactly one of BaseID, NameID or EncryptedID. The broker issues plain NameIDs only, so the
    // other two can never name one of its sessions.
    private static XmlElement ReadIdentifier(ElementSequence children)
    {
        if (children.Optional(A, "NameID") is { } nameId)
        {
            return nameId;
        }

        if (children.Optional(A, "BaseID") is not null || children.Optional(A, "EncryptedID") is not null)
        {
            throw new SamlException(SamlErrorCode.IdentifierUnsupported, "Only a plain NameID identifies the principal to log out.");
        }

        throw new SamlException(Schema, "LogoutRequest lacks the NameID the schema requires.");
    }
}
