using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>
/// Reads an AuthnRequest into the model, reporting only structural errors (SAML Core 3.4.1 schema); profile rules are the
/// validator's.
/// </summary>
internal static class AuthnRequestReader
{
    private const string P = SamlConstants.Namespaces.Protocol;
    private const string A = SamlConstants.Namespaces.Assertion;
    private const SamlErrorCode Schema = SamlErrorCode.XmlSchemaViolation;

    public static ReceivedMessage<AuthnRequest> Read(string xml, SamlLimits limits)
    {
        var (document, root) = ProtocolMessageRoot.Load(xml, limits, P, "samlp:AuthnRequest");

        var children = new ElementSequence(root, Schema);
        var issuer = children.Optional(A, "Issuer");
        children.Optional(SamlConstants.Namespaces.XmlDsig, "Signature");
        children.Optional(P, "Extensions");
        children.Optional(A, "Subject");
        var nameIdPolicy = children.Optional(P, "NameIDPolicy");
        children.Optional(A, "Conditions");
        var requestedAuthnContext = children.Optional(P, "RequestedAuthnContext");
        children.Optional(P, "Scoping");
        children.End();

        var request = new AuthnRequest
        {
            Id = XmlRead.Attribute(root, "ID") ?? string.Empty,
            IssueInstant = XmlRead.RequiredInstant(root, "IssueInstant", Schema),
            Destination = XmlRead.Attribute(root, "Destination"),
            Issuer = issuer is null ? string.Empty : SafeXml.ReadIdentifier(issuer),
            IssuerFormat = issuer is null ? null : XmlRead.Attribute(issuer, "Format"),
            AssertionConsumerServiceUrl = XmlRead.Attribute(root, "AssertionConsumerServiceURL"),
            AssertionConsumerServiceIndex = XmlRead.UnsignedShort(root, "AssertionConsumerServiceIndex", Schema),
            ProtocolBinding = XmlRead.Attribute(root, "ProtocolBinding"),
            ForceAuthn = XmlRead.Boolean(root, "ForceAuthn", Schema) ?? false,
            IsPassive = XmlRead.Boolean(root, "IsPassive", Schema) ?? false,
            NameIdPolicyFormat = nameIdPolicy is null ? null : XmlRead.Attribute(nameIdPolicy, "Format"),
            AllowCreate = nameIdPolicy is null ? null : XmlRead.Boolean(nameIdPolicy, "AllowCreate", Schema),
            RequestedAuthnContext = requestedAuthnContext is null ? null : ReadRequestedAuthnContext(requestedAuthnContext),
        };

        return new ReceivedMessage<AuthnRequest>(request, document, root, xml);
    }

    public static string PeekIssuer(string xml, SamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(limits);

        var document = SafeXml.Load(xml, limits);
        var root = document.DocumentElement;
        if (root is null || !string.Equals(root.NamespaceURI, P, StringComparison.Ordinal))
        {
            throw new SamlException(SamlErrorCode.XmlUnexpectedRoot, "The root is not a SAML protocol message.");
        }

        // SAML Core 3.2.1: Issuer, when present, is the first child of a request.
        var issuer = new ElementSequence(root, Schema).Optional(A, "Issuer")
            ?? throw new SamlException(SamlErrorCode.IssuerMissing, "The message has no Issuer.");
        var value = SafeXml.ReadIdentifier(issuer);
        return value.Length == 0 ? throw new SamlException(SamlErrorCode.IssuerMissing, "The Issuer is empty.") : value;
    }

    private static RequestedAuthnContext ReadRequestedAuthnContext(XmlElement element)
    {
        // SAML Core 3.3.2.2.1: Comparison defaults to exact; the content is a choice of class refs or decl refs.
        var comparison = XmlRead.Attribute(element, "Comparison") ?? "exact";
        var children = new ElementSequence(element, Schema);
        var classRefs = children.Many(A, "AuthnContextClassRef");
        var declRefs = children.Many(A, "AuthnContextDeclRef");
        children.End();
        if ((classRefs.Count > 0) == (declRefs.Count > 0))
        {
            throw new SamlException(Schema, "RequestedAuthnContext must hold either class refs or decl refs.");
        }

        return new RequestedAuthnContext(comparison, [.. classRefs.Select(SafeXml.ReadIdentityText)]);
    }
}
