using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>The Version check every reader makes before interpreting a message.</summary>
internal static class ProtocolVersion
{
    // SAML Core 4.1.2: a message of another version cannot be read with the 2.0 model; refusing it here means
    // the model never holds an unknown version.
    public static void Ensure(XmlElement element)
    {
        var version = XmlRead.Attribute(element, "Version");
        if (!string.Equals(version, SamlConstants.Version, StringComparison.Ordinal))
        {
            throw new SamlException(
                SamlErrorCode.VersionInvalid,
                $"{element.LocalName} has Version '{version ?? "(none)"}', expected 2.0.");
        }
    }
}
