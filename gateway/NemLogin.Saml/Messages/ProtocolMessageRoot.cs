using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>
/// The first steps every received protocol message takes: safe parse, no duplicate IDs, the expected root element
/// (SAML Core 3.2 namespaces), Version 2.0. Readers continue from the root this returns.
/// </summary>
internal static class ProtocolMessageRoot
{
    public static (XmlDocument Document, XmlElement Root) Load(string xml, SamlLimits limits, string namespaceUri, string prefixedName)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(limits);

        var document = SafeXml.Load(xml, limits);
        SafeXml.EnsureUniqueIds(document);
        var root = document.DocumentElement
            ?? throw new SamlException(SamlErrorCode.XmlMalformed, "The document has no root element.");
        var localName = prefixedName[(prefixedName.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (!XmlRead.Is(root, namespaceUri, localName))
        {
            throw new SamlException(SamlErrorCode.XmlUnexpectedRoot, $"Expected {prefixedName}, got {root.LocalName}.");
        }

        ProtocolVersion.Ensure(root);
        foreach (var name in (ReadOnlySpan<string>)["ID", "InResponseTo"])
        {
            if (XmlRead.Attribute(root, name) is { Length: > SamlLimits.MaxIdentifierLength })
            {
                throw new SamlException(SamlErrorCode.IdentifierTooLong, $"{name} is longer than {SamlLimits.MaxIdentifierLength} characters.");
            }
        }

        return (document, root);
    }
}
