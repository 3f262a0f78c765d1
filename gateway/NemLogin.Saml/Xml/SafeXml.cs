using System.Xml;

namespace NemLogin.Saml.Xml;

/// <summary>The one way received XML enters the library: hardened parsing and structural checks.</summary>
public static class SafeXml
{
    private const string DoctypeMarker = "<!DOCTYPE";

    /// <summary>
    /// Parses <paramref name="xml"/> with DTDs prohibited, no resolver, whitespace preserved and the size and depth caps of
    /// <paramref name="limits"/>. Errors: XmlDtdProhibited, XmlTooDeep, XmlMalformed, MessageTooLarge.
    /// </summary>
    public static XmlDocument Load(string xml, SamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(limits);
        EnsureSize(xml, limits);

        // One pass: the reader refuses a DTD before the root element and an element past the depth cap as it reaches it,
        // so the DOM never grows beyond what the caps allow.
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = new DepthCappedReader(XmlReader.Create(new StringReader(xml), ReaderSettings(limits)), limits.MaxXmlDepth);
        try
        {
            document.Load(reader);
        }
        catch (XmlException exception) when (!reader.SeenRoot && xml.Contains(DoctypeMarker, StringComparison.Ordinal))
        {
            // A DOCTYPE can only stand in the prolog, so a failure before the root element with one present is the DTD refusal.
            throw new SamlException(SamlErrorCode.XmlDtdProhibited, "The XML carries a DOCTYPE; DTDs are refused.", exception);
        }
        catch (XmlException exception)
        {
            throw new SamlException(SamlErrorCode.XmlMalformed, "The XML is not well-formed.", exception);
        }

        return document;
    }

    /// <summary>Throws DuplicateId when two elements carry the same value in an ID, Id or id attribute.</summary>
    public static void EnsureUniqueIds(XmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);

        // XSW attacks rely on a verifier and a reader resolving one ID to different elements (docs/security.md, References).
        var owners = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        foreach (XmlElement element in document.GetElementsByTagName("*"))
        {
            foreach (XmlAttribute attribute in element.Attributes)
            {
                if (!string.Equals(attribute.LocalName, "id", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var value = attribute.Value.Trim();
                if (owners.TryGetValue(value, out var owner) && !ReferenceEquals(owner, element))
                {
                    throw new SamlException(SamlErrorCode.DuplicateId, "Two elements carry the same ID.");
                }

                owners[value] = element;
            }
        }
    }

    /// <summary>
    /// Returns the text of an element that must hold simple text only; throws CommentInIdentityValue when it holds comments,
    /// processing instructions or child elements (identity truncation).
    /// </summary>
    public static string ReadIdentityText(XmlElement element)
    {
        ArgumentNullException.ThrowIfNull(element);

        // A comment splits one text value into two nodes; readers that take the first node truncate the identity
        // (the 2018 SAML comment-truncation class, CVE-2017-11427 and relatives).
        var text = new System.Text.StringBuilder();
        foreach (XmlNode child in element.ChildNodes)
        {
            switch (child.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    text.Append(child.Value);
                    break;
                default:
                    throw new SamlException(
                        SamlErrorCode.CommentInIdentityValue,
                        $"The element {element.LocalName} must hold text only, but holds a {child.NodeType}.");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// <see cref="ReadIdentityText"/> for identifiers (Issuer, NameID, SessionIndex, Audience): at most
    /// <see cref="SamlLimits.MaxIdentifierLength"/> characters, since the broker keys lookups and replay records by them.
    /// </summary>
    public static string ReadIdentifier(XmlElement element)
    {
        var text = ReadIdentityText(element);
        return text.Length <= SamlLimits.MaxIdentifierLength
            ? text
            : throw new SamlException(SamlErrorCode.IdentifierTooLong, $"The {element.LocalName} is longer than {SamlLimits.MaxIdentifierLength} characters.");
    }

    private static void EnsureSize(string xml, SamlLimits limits)
    {
        if (xml.Length > limits.MaxXmlCharacters)
        {
            throw new SamlException(SamlErrorCode.MessageTooLarge, $"The XML exceeds {limits.MaxXmlCharacters} characters.");
        }
    }

    private static XmlReaderSettings ReaderSettings(SamlLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = limits.MaxXmlCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        IgnoreWhitespace = false,
        CloseInput = true,
    };
}
