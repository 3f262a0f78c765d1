using System.Xml;

namespace NemLogin.Saml.Xml;

/// <summary>
/// Documents built through the DOM API record namespaces on nodes without xmlns attributes, and a writer adds the
/// declarations only when serializing. Canonicalization reads attributes, so signing first makes them explicit.
/// </summary>
internal static class NamespaceDeclarations
{
    public const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    /// <summary>Declares, on the element that first uses it, every namespace of <paramref name="root"/>'s subtree not yet declared.</summary>
    public static void MakeExplicit(XmlElement root)
    {
        var pending = new Stack<XmlElement>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var element = pending.Pop();
            EnsureDeclared(element, element.Prefix, element.NamespaceURI);
            foreach (XmlAttribute attribute in element.Attributes)
            {
                if (attribute.NamespaceURI.Length == 0 || attribute.NamespaceURI is XmlnsNamespace or XmlNamespace)
                {
                    continue;
                }

                if (attribute.Prefix.Length == 0)
                {
                    // A writer would invent a prefix at serialization, after the signature was computed over none.
                    throw new ArgumentException($"The attribute {attribute.LocalName} has a namespace but no prefix.", nameof(root));
                }

                EnsureDeclared(element, attribute.Prefix, attribute.NamespaceURI);
            }

            foreach (XmlNode child in element.ChildNodes)
            {
                if (child is XmlElement childElement)
                {
                    pending.Push(childElement);
                }
            }
        }
    }

    /// <summary>The namespace bound to <paramref name="prefix"/> by xmlns attributes on the element or its ancestors.</summary>
    public static string? Declared(XmlElement element, string prefix)
    {
        for (var current = element; current is not null; current = current.ParentNode as XmlElement)
        {
            foreach (XmlAttribute attribute in current.Attributes)
            {
                if (attribute.NamespaceURI == XmlnsNamespace && DeclaredPrefix(attribute) == prefix)
                {
                    return attribute.Value;
                }
            }
        }

        return null;
    }

    public static string DeclaredPrefix(XmlAttribute declaration) =>
        declaration.Prefix == "xmlns" ? declaration.LocalName : string.Empty;

    public static void Declare(XmlElement element, string prefix, string namespaceUri)
    {
        var document = element.OwnerDocument;
        var declaration = prefix.Length == 0
            ? document.CreateAttribute("xmlns", XmlnsNamespace)
            : document.CreateAttribute("xmlns", prefix, XmlnsNamespace);
        declaration.Value = namespaceUri;
        element.Attributes.Append(declaration);
    }

    private static void EnsureDeclared(XmlElement element, string prefix, string namespaceUri)
    {
        var declared = Declared(element, prefix);
        if (prefix == "xml" || declared == namespaceUri || (prefix.Length == 0 && namespaceUri.Length == 0 && declared is null))
        {
            return;
        }

        Declare(element, prefix, namespaceUri);
    }
}
