using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Metadata;

/// <summary>Navigation over metadata: direct children only, structural failures reported as MetadataInvalid.</summary>
internal static class MetadataXml
{
    private const string Md = SamlConstants.Namespaces.Metadata;

    public static XmlElement LoadEntityDescriptor(string xml, SamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(limits);
        var document = SafeXml.Load(xml, limits);
        SafeXml.EnsureUniqueIds(document);
        var root = document.DocumentElement;
        if (root is null || !XmlRead.Is(root, Md, "EntityDescriptor"))
        {
            throw new SamlException(SamlErrorCode.MetadataInvalid, "The metadata root is not md:EntityDescriptor.");
        }

        return root;
    }

    public static string EntityId(XmlElement root)
    {
        var entityId = XmlRead.Attribute(root, "entityID");
        return string.IsNullOrWhiteSpace(entityId)
            ? throw new SamlException(SamlErrorCode.MetadataInvalid, "EntityDescriptor has no entityID.")
            : entityId;
    }

    /// <summary>The one role descriptor of the given kind that supports SAML 2.0 (SAML Metadata 2.4.1).</summary>
    public static XmlElement Role(XmlElement root, string localName)
    {
        var role = Single(root, Md, localName);
        var protocols = (XmlRead.Attribute(role, "protocolSupportEnumeration") ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!protocols.Contains(SamlConstants.Namespaces.Protocol, StringComparer.Ordinal))
        {
            throw new SamlException(SamlErrorCode.MetadataInvalid, $"{localName} does not list SAML 2.0 protocol support.");
        }

        return role;
    }

    public static IEnumerable<XmlElement> Children(XmlElement parent, string namespaceUri, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => XmlRead.Is(e, namespaceUri, localName));

    public static XmlElement Single(XmlElement parent, string namespaceUri, string localName)
    {
        var found = Children(parent, namespaceUri, localName).Take(2).ToList();
        return found.Count == 1
            ? found[0]
            : throw new SamlException(
                SamlErrorCode.MetadataInvalid, $"{parent.LocalName} must hold exactly one {localName}, found {found.Count}.");
    }

    public static string Text(XmlElement element) => SafeXml.ReadIdentityText(element);

    public static DateTimeOffset? ValidUntil(XmlElement root) =>
        XmlRead.Instant(root, "validUntil", SamlErrorCode.MetadataInvalid);

    public static bool Flag(XmlElement element, string name) =>
        XmlRead.Boolean(element, name, SamlErrorCode.MetadataInvalid) ?? false;

    /// <summary>Endpoints of one kind; indexed ones must carry index (SAML Metadata 2.2.3), others get their position.</summary>
    public static IReadOnlyList<EndpointInfo> Endpoints(XmlElement role, string localName, bool indexed) =>
    [
        .. Children(role, Md, localName).Select((e, position) => new EndpointInfo(
            XmlRead.RequiredAttribute(e, "Binding", SamlErrorCode.MetadataInvalid),
            XmlRead.RequiredAttribute(e, "Location", SamlErrorCode.MetadataInvalid),
            indexed
                ? XmlRead.UnsignedShort(e, "index", SamlErrorCode.MetadataInvalid)
                  ?? throw new SamlException(SamlErrorCode.MetadataInvalid, $"{localName} has no index.")
                : position,
            indexed && Flag(e, "isDefault"))
        {
            ResponseLocation = XmlRead.Attribute(e, "ResponseLocation"),
        }),
    ];
}
