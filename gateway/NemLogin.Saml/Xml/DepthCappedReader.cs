using System.Xml;
using System.Xml.Schema;

namespace NemLogin.Saml.Xml;

/// <summary>
/// Passes an <see cref="XmlReader"/> through unchanged, but refuses an element nested deeper than the cap the moment the
/// reader reaches it, so <see cref="XmlDocument.Load(XmlReader)"/> stops there instead of building a deep tree first.
/// This lets <see cref="SafeXml.Load"/> parse a message once: before it, a separate streaming pass checked the depth,
/// and a login parsed its AuthnRequest twice (docs/benchmarks.md, "Seventh round").
/// </summary>
internal sealed class DepthCappedReader(XmlReader inner, int maxDepth) : XmlReader
{
    /// <summary>True once the inner reader has produced an element (a DOCTYPE can only come before it).</summary>
    public bool SeenRoot { get; private set; }

    public override bool Read()
    {
        if (!inner.Read())
        {
            return false;
        }

        if (inner.NodeType == XmlNodeType.Element)
        {
            SeenRoot = true;
            if (inner.Depth + 1 > maxDepth)
            {
                throw new SamlException(SamlErrorCode.XmlTooDeep, $"The XML nests deeper than {maxDepth} elements.");
            }
        }

        return true;
    }

    // Everything else is the inner reader's.
    public override XmlNodeType NodeType => inner.NodeType;
    public override string LocalName => inner.LocalName;
    public override string NamespaceURI => inner.NamespaceURI;
    public override string Prefix => inner.Prefix;
    public override string Name => inner.Name;
    public override string Value => inner.Value;
    public override bool HasValue => inner.HasValue;
    public override int Depth => inner.Depth;
    public override string BaseURI => inner.BaseURI;
    public override bool IsEmptyElement => inner.IsEmptyElement;
    public override bool IsDefault => inner.IsDefault;
    public override char QuoteChar => inner.QuoteChar;
    public override XmlSpace XmlSpace => inner.XmlSpace;
    public override string XmlLang => inner.XmlLang;
    public override IXmlSchemaInfo? SchemaInfo => inner.SchemaInfo;
    public override XmlReaderSettings? Settings => inner.Settings;
    public override int AttributeCount => inner.AttributeCount;
    public override bool EOF => inner.EOF;
    public override ReadState ReadState => inner.ReadState;
    public override XmlNameTable NameTable => inner.NameTable;
    public override bool CanResolveEntity => inner.CanResolveEntity;
    public override string GetAttribute(int i) => inner.GetAttribute(i);
    public override string? GetAttribute(string name) => inner.GetAttribute(name);
    public override string? GetAttribute(string name, string? namespaceURI) => inner.GetAttribute(name, namespaceURI);
    public override string? LookupNamespace(string prefix) => inner.LookupNamespace(prefix);
    public override void MoveToAttribute(int i) => inner.MoveToAttribute(i);
    public override bool MoveToAttribute(string name) => inner.MoveToAttribute(name);
    public override bool MoveToAttribute(string name, string? ns) => inner.MoveToAttribute(name, ns);
    public override bool MoveToElement() => inner.MoveToElement();
    public override bool MoveToFirstAttribute() => inner.MoveToFirstAttribute();
    public override bool MoveToNextAttribute() => inner.MoveToNextAttribute();
    public override bool ReadAttributeValue() => inner.ReadAttributeValue();
    public override void ResolveEntity() => inner.ResolveEntity();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
