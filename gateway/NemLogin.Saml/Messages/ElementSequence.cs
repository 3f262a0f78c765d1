using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>
/// Walks the element children of one parent in document order, the way the SAML schemas (sequences) define them, so an
/// element is always found by its position and never by a search through the document.
/// </summary>
internal sealed class ElementSequence
{
    private readonly XmlElement _parent;
    private readonly List<XmlElement> _children = [];
    private readonly SamlErrorCode _code;
    private int _next;

    public ElementSequence(XmlElement parent, SamlErrorCode code)
    {
        _parent = parent;
        _code = code;
        foreach (XmlNode node in parent.ChildNodes)
        {
            switch (node)
            {
                case XmlElement element:
                    _children.Add(element);
                    break;
                case XmlText or XmlCDataSection when !string.IsNullOrWhiteSpace(node.Value):
                    throw new SamlException(code, $"{parent.LocalName} has text where only elements are allowed.");
            }
        }
    }

    public XmlElement? Optional(string namespaceUri, string localName)
    {
        if (_next < _children.Count && XmlRead.Is(_children[_next], namespaceUri, localName))
        {
            return _children[_next++];
        }

        return null;
    }

    public XmlElement Required(string namespaceUri, string localName) =>
        Optional(namespaceUri, localName)
        ?? throw new SamlException(_code, $"{_parent.LocalName} lacks {localName} where the schema requires it.");

    /// <summary>The run of consecutive children whose name is any of <paramref name="names"/> (a repeated xs:choice).</summary>
    public IReadOnlyList<XmlElement> Many(string namespaceUri, params string[] names)
    {
        var taken = new List<XmlElement>();
        while (_next < _children.Count
               && string.Equals(_children[_next].NamespaceURI, namespaceUri, StringComparison.Ordinal)
               && Array.IndexOf(names, _children[_next].LocalName) >= 0)
        {
            taken.Add(_children[_next++]);
        }

        return taken;
    }

    public void End()
    {
        if (_next < _children.Count)
        {
            var extra = _children[_next];
            throw new SamlException(_code, $"{_parent.LocalName} has an unexpected {extra.LocalName} element.");
        }
    }
}
