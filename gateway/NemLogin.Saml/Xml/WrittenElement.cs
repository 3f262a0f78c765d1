using System.Xml;

namespace NemLogin.Saml.Xml;

/// <summary>Brings XML that <see cref="SamlXmlWriter"/> wrote into a DOM document, for the callers that build with a DOM.</summary>
internal static class WrittenElement
{
    /// <summary>Parses <paramref name="xml"/> (this library's own output, one element) and imports it into <paramref name="owner"/>.</summary>
    public static XmlElement Import(XmlDocument owner, string xml)
    {
        var parsed = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            parsed.Load(reader);
        }

        return (XmlElement)owner.ImportNode(parsed.DocumentElement!, deep: true);
    }
}
