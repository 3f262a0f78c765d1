using System.Globalization;
using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Attribute and name helpers shared by the readers; each reports failures with the caller's error code.</summary>
internal static class XmlRead
{
    public static bool Is(XmlNode node, string namespaceUri, string localName) =>
        node is XmlElement element
        && string.Equals(element.LocalName, localName, StringComparison.Ordinal)
        && string.Equals(element.NamespaceURI, namespaceUri, StringComparison.Ordinal);

    /// <summary>An unqualified attribute, or null when absent (an empty value is returned as empty).</summary>
    public static string? Attribute(XmlElement element, string name) =>
        element.GetAttributeNode(name, string.Empty)?.Value;

    public static string RequiredAttribute(XmlElement element, string name, SamlErrorCode code) =>
        Attribute(element, name)
        ?? throw new SamlException(code, $"{element.LocalName} has no {name} attribute.");

    /// <summary>xs:boolean: true, false, 1 or 0 after whitespace collapsing (XML Schema 2, 3.2.2).</summary>
    public static bool? Boolean(XmlElement element, string name, SamlErrorCode code)
    {
        var text = Attribute(element, name)?.Trim();
        return text switch
        {
            null => null,
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new SamlException(code, $"{element.LocalName}/@{name} is not an xs:boolean."),
        };
    }

    /// <summary>xs:unsignedShort, the type of endpoint and ACS indexes (SAML Core 3.4.1, Metadata 2.2.3).</summary>
    public static int? UnsignedShort(XmlElement element, string name, SamlErrorCode code)
    {
        var text = Attribute(element, name)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new SamlException(code, $"{element.LocalName}/@{name} is not an xs:unsignedShort.");
    }

    public static DateTimeOffset? Instant(XmlElement element, string name, SamlErrorCode code)
    {
        var text = Attribute(element, name);
        return text is null ? null : SamlInstant.Parse(text, $"{element.LocalName}/@{name}", code);
    }

    public static DateTimeOffset RequiredInstant(XmlElement element, string name, SamlErrorCode code) =>
        Instant(element, name, code) ?? throw new SamlException(code, $"{element.LocalName} has no {name} attribute.");
}
