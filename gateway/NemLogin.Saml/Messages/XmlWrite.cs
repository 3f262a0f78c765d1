using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Element-building helpers shared by the writers; prefixes follow the SAML specifications' examples.</summary>
internal static class XmlWrite
{
    public const string ProtocolPrefix = "samlp";
    public const string AssertionPrefix = "saml";
    public const string MetadataPrefix = "md";
    public const string DsigPrefix = "ds";

    // Signatures are computed over the document as built, so whitespace must never be re-flowed afterwards.
    public static XmlDocument NewDocument() => new() { PreserveWhitespace = true };

    public static XmlElement Root(XmlDocument document, string prefix, string namespaceUri, string localName)
    {
        var root = document.CreateElement(prefix, localName, namespaceUri);
        document.AppendChild(root);
        return root;
    }

    public static XmlElement Child(XmlElement parent, string prefix, string namespaceUri, string localName)
    {
        var child = parent.OwnerDocument.CreateElement(prefix, localName, namespaceUri);
        parent.AppendChild(child);
        return child;
    }

    public static XmlElement TextChild(XmlElement parent, string prefix, string namespaceUri, string localName, string text)
    {
        var child = Child(parent, prefix, namespaceUri, localName);
        child.AppendChild(parent.OwnerDocument.CreateTextNode(text));
        return child;
    }

    public static void Attribute(XmlElement element, string name, string? value)
    {
        if (value is not null)
        {
            element.SetAttribute(name, value);
        }
    }

    public static void Namespace(XmlElement element, string prefix, string namespaceUri) =>
        element.SetAttribute("xmlns:" + prefix, namespaceUri);

    public static XmlElement Issuer(XmlElement parent, string issuer, string? format = null)
    {
        var element = TextChild(parent, AssertionPrefix, SamlConstants.Namespaces.Assertion, "Issuer", issuer);
        Attribute(element, "Format", format);
        return element;
    }

    public static string Boolean(bool value) => value ? "true" : "false";
}
