using System.Xml;

namespace NemLogin.Saml.Xml;

/// <summary>
/// Copies an element into a document of its own, as XML-DSig does when it dereferences a same-document reference:
/// namespace declarations in scope from ancestors travel with it, so canonical and serialized forms match the original.
/// </summary>
internal static class DetachedElement
{
    /// <summary>Returns a new document whose root is a copy of <paramref name="element"/>, optionally without one descendant.</summary>
    public static XmlDocument Copy(XmlElement element, XmlNode? without = null)
    {
        var path = without is null ? null : PathFrom(element, without);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = (XmlElement)document.ImportNode(element, deep: true);
        document.AppendChild(root);
        if (path is not null)
        {
            var target = Follow(root, path);
            target.ParentNode!.RemoveChild(target);
        }

        CarryAncestorDeclarations(element, root);
        NamespaceDeclarations.MakeExplicit(root);
        return document;
    }

    private static List<int> PathFrom(XmlElement ancestor, XmlNode descendant)
    {
        var path = new List<int>();
        var node = descendant;
        while (!ReferenceEquals(node, ancestor))
        {
            var parent = node.ParentNode ?? throw new ArgumentException("The node is not inside the element.", nameof(descendant));
            path.Add(IndexOf(parent, node));
            node = parent;
        }

        path.Reverse();
        return path;
    }

    private static int IndexOf(XmlNode parent, XmlNode child)
    {
        for (var i = 0; i < parent.ChildNodes.Count; i++)
        {
            if (ReferenceEquals(parent.ChildNodes[i], child))
            {
                return i;
            }
        }

        throw new InvalidOperationException("The child was not found under its parent.");
    }

    private static XmlNode Follow(XmlNode root, List<int> path)
    {
        var node = root;
        foreach (var index in path)
        {
            node = node.ChildNodes[index]!;
        }

        return node;
    }

    private static void CarryAncestorDeclarations(XmlElement original, XmlElement copy)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (XmlAttribute attribute in copy.Attributes)
        {
            if (attribute.NamespaceURI == NamespaceDeclarations.XmlnsNamespace)
            {
                seen.Add(NamespaceDeclarations.DeclaredPrefix(attribute));
            }
        }

        for (var ancestor = original.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                if (attribute.NamespaceURI == NamespaceDeclarations.XmlnsNamespace && seen.Add(NamespaceDeclarations.DeclaredPrefix(attribute)))
                {
                    NamespaceDeclarations.Declare(copy, NamespaceDeclarations.DeclaredPrefix(attribute), attribute.Value);
                }
            }
        }
    }
}
