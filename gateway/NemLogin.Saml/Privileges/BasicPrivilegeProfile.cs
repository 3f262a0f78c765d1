using System.Text;
using System.Xml;

namespace NemLogin.Saml.Privileges;

/// <summary>
/// Writes the OIO Basic Privilege Profile 1.2 document carried base64-encoded in the
/// <c>https://data.gov.dk/model/core/eid/privilegesIntermediate</c> attribute: a <c>bpp:PrivilegeList</c> root in the
/// profile's namespace whose unqualified <c>PrivilegeGroup</c> children carry a <c>Scope</c> attribute, one or more
/// <c>Privilege</c> elements and then any <c>Constraint Name="…"</c> elements.
/// </summary>
public static class BasicPrivilegeProfile
{
    public const string Namespace = "http://digst.dk/oiosaml/basic_privilege_profile";

    /// <summary>The namespace of earlier versions, accepted on input only.</summary>
    public const string LegacyNamespace = "http://itst.dk/oiosaml/basic_privilege_profile";

    /// <summary>The document as UTF-8 bytes (no byte order mark), its declaration saying so.</summary>
    public static byte[] Write(IEnumerable<PrivilegeGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        using var bytes = new MemoryStream();
        using (var writer = XmlWriter.Create(bytes, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            writer.WriteStartElement("bpp", "PrivilegeList", Namespace);
            foreach (var group in groups)
            {
                if (group.Privileges.Count == 0)
                {
                    throw new ArgumentException("A privilege group holds at least one privilege.", nameof(groups));
                }

                writer.WriteStartElement("PrivilegeGroup");
                writer.WriteAttributeString("Scope", group.Scope);
                foreach (var privilege in group.Privileges)
                {
                    writer.WriteElementString("Privilege", privilege);
                }

                foreach (var (name, value) in group.Constraints)
                {
                    writer.WriteStartElement("Constraint");
                    writer.WriteAttributeString("Name", name);
                    writer.WriteString(value);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return bytes.ToArray();
    }

    /// <summary>The document as the attribute carries it: UTF-8, base64.</summary>
    public static string WriteBase64(IEnumerable<PrivilegeGroup> groups) => Convert.ToBase64String(Write(groups));
}
