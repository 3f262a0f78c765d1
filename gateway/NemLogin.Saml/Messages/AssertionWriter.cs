using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Builds an OIOSAML 3 assertion (SAML Core 2.3.3, OIOSAML Web SSO Profile 3.0.3 §3) in its own document.</summary>
internal static class AssertionWriter
{
    private const string A = SamlConstants.Namespaces.Assertion;
    private const string Prefix = XmlWrite.AssertionPrefix;

    public static (XmlDocument Document, XmlElement Issuer) Build(AssertionDescriptor d)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentException.ThrowIfNullOrEmpty(d.Issuer);
        ArgumentException.ThrowIfNullOrEmpty(d.Audience);
        ArgumentException.ThrowIfNullOrEmpty(d.Recipient);
        ArgumentException.ThrowIfNullOrEmpty(d.NameId);
        ArgumentException.ThrowIfNullOrEmpty(d.SessionIndex);

        var document = XmlWrite.NewDocument();
        var root = XmlWrite.Root(document, Prefix, A, "Assertion");
        root.SetAttribute("ID", string.IsNullOrEmpty(d.Id) ? SamlId.New() : d.Id);
        root.SetAttribute("Version", SamlConstants.Version);
        root.SetAttribute("IssueInstant", SamlInstant.Format(d.IssueInstant));
        var issuer = XmlWrite.Issuer(root, d.Issuer);
        WriteSubject(root, d);
        WriteConditions(root, d);
        WriteAuthnStatement(root, d);
        WriteAttributeStatement(root, d.Attributes);
        return (document, issuer);
    }

    private static void WriteSubject(XmlElement root, AssertionDescriptor d)
    {
        var subject = XmlWrite.Child(root, Prefix, A, "Subject");
        var nameId = XmlWrite.TextChild(subject, Prefix, A, "NameID", d.NameId);
        nameId.SetAttribute("Format", d.NameIdFormat);
        var confirmation = XmlWrite.Child(subject, Prefix, A, "SubjectConfirmation");
        confirmation.SetAttribute("Method", SamlConstants.BearerConfirmation);

        // SAML Profiles 4.1.4.2: bearer data carries Recipient and NotOnOrAfter and never NotBefore.
        var data = XmlWrite.Child(confirmation, Prefix, A, "SubjectConfirmationData");
        XmlWrite.Attribute(data, "InResponseTo", d.InResponseTo);
        data.SetAttribute("NotOnOrAfter", SamlInstant.Format(d.IssueInstant + d.ConfirmationLifetime));
        data.SetAttribute("Recipient", d.Recipient);
    }

    private static void WriteConditions(XmlElement root, AssertionDescriptor d)
    {
        var conditions = XmlWrite.Child(root, Prefix, A, "Conditions");
        conditions.SetAttribute("NotBefore", SamlInstant.Format(d.IssueInstant));
        conditions.SetAttribute("NotOnOrAfter", SamlInstant.Format(d.IssueInstant + d.ConditionsLifetime));
        var restriction = XmlWrite.Child(conditions, Prefix, A, "AudienceRestriction");
        XmlWrite.TextChild(restriction, Prefix, A, "Audience", d.Audience);
    }

    private static void WriteAuthnStatement(XmlElement root, AssertionDescriptor d)
    {
        var statement = XmlWrite.Child(root, Prefix, A, "AuthnStatement");
        statement.SetAttribute("AuthnInstant", SamlInstant.Format(d.AuthnInstant));
        statement.SetAttribute("SessionIndex", d.SessionIndex);
        statement.SetAttribute("SessionNotOnOrAfter", SamlInstant.Format(d.SessionNotOnOrAfter));
        var context = XmlWrite.Child(statement, Prefix, A, "AuthnContext");
        XmlWrite.TextChild(context, Prefix, A, "AuthnContextClassRef", d.AuthnContextClassRef);
        if (d.AuthenticatingAuthority is not null)
        {
            XmlWrite.TextChild(context, Prefix, A, "AuthenticatingAuthority", d.AuthenticatingAuthority);
        }
    }

    private static void WriteAttributeStatement(XmlElement root, IReadOnlyList<SamlAttribute> attributes)
    {
        // OIOSAML 3.0.3: exactly one AttributeStatement, even when the service provider receives no optional attribute.
        var statement = XmlWrite.Child(root, Prefix, A, "AttributeStatement");
        foreach (var attribute in attributes)
        {
            var element = XmlWrite.Child(statement, Prefix, A, "Attribute");
            element.SetAttribute("Name", attribute.Name);
            element.SetAttribute("NameFormat", SamlConstants.AttributeNameFormatUri);
            foreach (var value in attribute.Values)
            {
                // The xs prefix is declared on the value itself so the QName in xsi:type resolves wherever the
                // element is canonicalised or extracted.
                var valueElement = XmlWrite.TextChild(element, Prefix, A, "AttributeValue", value);
                XmlWrite.Namespace(valueElement, "xs", SamlConstants.Namespaces.XmlSchema);
                XmlWrite.Namespace(valueElement, "xsi", SamlConstants.Namespaces.XmlSchemaInstance);
                var type = root.OwnerDocument.CreateAttribute("xsi", "type", SamlConstants.Namespaces.XmlSchemaInstance);
                type.Value = "xs:string";
                valueElement.Attributes.Append(type);
            }
        }
    }
}
