using System.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>Finds XML-DSig elements by position (direct children), never by a document-wide name search.</summary>
internal static class DsElements
{
    public static List<XmlElement> Children(XmlElement parent, string localName, string namespaceUri = SamlConstants.Namespaces.XmlDsig)
    {
        var found = new List<XmlElement>();
        foreach (XmlNode child in parent.ChildNodes)
        {
            if (child is XmlElement element && element.LocalName == localName && element.NamespaceURI == namespaceUri)
            {
                found.Add(element);
            }
        }

        return found;
    }

    public static XmlElement? Single(XmlElement parent, string localName, string namespaceUri = SamlConstants.Namespaces.XmlDsig)
    {
        var found = Children(parent, localName, namespaceUri);
        return found.Count == 1 ? found[0] : null;
    }

    public static string? Algorithm(XmlElement? element) =>
        element is not null && element.HasAttribute("Algorithm") ? element.GetAttribute("Algorithm") : null;

    /// <summary>Base64 content of a value element read as text only, or null when it holds anything else or is not base64.</summary>
    public static byte[]? Base64Text(XmlElement element)
    {
        foreach (XmlNode child in element.ChildNodes)
        {
            if (child.NodeType is not (XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace))
            {
                return null;
            }
        }

        try
        {
            return Convert.FromBase64String(element.InnerText);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
