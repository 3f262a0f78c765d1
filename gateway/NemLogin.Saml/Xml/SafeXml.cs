using System.Xml;

namespace NemLogin.Saml.Xml;

/// <summary>The one way received XML enters the library: hardened parsing and structural checks.</summary>
public static class SafeXml
{
    /// <summary>
    /// Parses <paramref name="xml"/> with DTDs prohibited, no resolver, whitespace preserved and the size and depth caps of
    /// <paramref name="limits"/>. Errors: XmlDtdProhibited, XmlTooDeep, XmlMalformed, MessageTooLarge.
    /// </summary>
    public static XmlDocument Load(string xml, SamlLimits limits) => throw new NotImplementedException();

    /// <summary>Throws DuplicateId when two elements carry the same value in an ID, Id or id attribute.</summary>
    public static void EnsureUniqueIds(XmlDocument document) => throw new NotImplementedException();

    /// <summary>
    /// Returns the text of an element that must hold simple text only; throws CommentInIdentityValue when it holds comments,
    /// processing instructions or child elements (identity truncation).
    /// </summary>
    public static string ReadIdentityText(XmlElement element) => throw new NotImplementedException();
}
