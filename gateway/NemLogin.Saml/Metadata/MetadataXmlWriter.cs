using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Metadata;

/// <summary>Element helpers for metadata documents (SAML Metadata 2.2–2.4).</summary>
internal static class MetadataXmlWriter
{
    public const string Md = SamlConstants.Namespaces.Metadata;
    public const string Ds = SamlConstants.Namespaces.XmlDsig;
    public const string ProtocolSupport = SamlConstants.Namespaces.Protocol;

    public static (XmlDocument Document, XmlElement Root) EntityDescriptor(string entityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        var document = XmlWrite.NewDocument();
        var root = XmlWrite.Root(document, XmlWrite.MetadataPrefix, Md, "EntityDescriptor");
        XmlWrite.Namespace(root, XmlWrite.DsigPrefix, Ds);
        XmlWrite.Namespace(root, XmlWrite.AssertionPrefix, SamlConstants.Namespaces.Assertion);
        root.SetAttribute("entityID", entityId);
        return (document, root);
    }

    public static XmlElement Element(XmlElement parent, string localName) =>
        XmlWrite.Child(parent, XmlWrite.MetadataPrefix, Md, localName);

    public static XmlElement KeyDescriptor(XmlElement role, string use, X509Certificate2 certificate)
    {
        var descriptor = Element(role, "KeyDescriptor");
        descriptor.SetAttribute("use", use);
        var keyInfo = XmlWrite.Child(descriptor, XmlWrite.DsigPrefix, Ds, "KeyInfo");
        var data = XmlWrite.Child(keyInfo, XmlWrite.DsigPrefix, Ds, "X509Data");
        XmlWrite.TextChild(data, XmlWrite.DsigPrefix, Ds, "X509Certificate", Convert.ToBase64String(certificate.RawData));
        return descriptor;
    }

    public static void Endpoints(XmlElement role, string localName, IEnumerable<EndpointInfo> endpoints, bool indexed)
    {
        foreach (var endpoint in endpoints)
        {
            var element = Element(role, localName);
            element.SetAttribute("Binding", endpoint.Binding);
            element.SetAttribute("Location", endpoint.Location);
            XmlWrite.Attribute(element, "ResponseLocation", endpoint.ResponseLocation);
            if (indexed)
            {
                element.SetAttribute("index", endpoint.Index.ToString(CultureInfo.InvariantCulture));
                if (endpoint.IsDefault)
                {
                    element.SetAttribute("isDefault", "true");
                }
            }
        }
    }

    public static void TextElement(XmlElement parent, string localName, string text, string? language = null)
    {
        var element = XmlWrite.TextChild(parent, XmlWrite.MetadataPrefix, Md, localName, text);
        if (language is not null)
        {
            // SAML Metadata 2.3.2.1 / 2.4.4.1: localized names carry xml:lang.
            var lang = parent.OwnerDocument.CreateAttribute("xml", "lang", "http://www.w3.org/XML/1998/namespace");
            lang.Value = language;
            element.Attributes.Append(lang);
        }
    }
}
