using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Tests.Support;

/// <summary>Small DOM helpers for tests: find by position, and send a document "over the wire".</summary>
public static class SamlXml
{
    public const string AssertionId = "_assertion-6c1f2e";

    public static XmlElement Child(XmlElement parent, string localName, string namespaceUri) =>
        parent.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == localName && e.NamespaceURI == namespaceUri);

    public static XmlElement Issuer(XmlElement parent) => Child(parent, "Issuer", SamlConstants.Namespaces.Assertion);

    public static XmlElement Signature(XmlElement parent) => Child(parent, "Signature", SamlConstants.Namespaces.XmlDsig);

    public static XmlElement Assertion(XmlDocument response) =>
        Child(response.DocumentElement!, "Assertion", SamlConstants.Namespaces.Assertion);

    /// <summary>Serializes and parses again, as a receiver would see the document.</summary>
    public static XmlDocument Reparse(XmlDocument document) => SafeXml.Load(document.OuterXml, SamlLimits.Default);

    public static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var manager = new XmlNamespaceManager(document.NameTable);
        manager.AddNamespace("saml", SamlConstants.Namespaces.Assertion);
        manager.AddNamespace("samlp", SamlConstants.Namespaces.Protocol);
        manager.AddNamespace("ds", SamlConstants.Namespaces.XmlDsig);
        manager.AddNamespace("xenc", SamlConstants.Namespaces.XmlEnc);
        return manager;
    }

    public static XmlElement Select(XmlDocument document, string xpath) =>
        (XmlElement)(document.SelectSingleNode(xpath, Namespaces(document)) ?? throw new InvalidOperationException($"No node at {xpath}."));
}
