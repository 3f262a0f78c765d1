using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Writes an OIOSAML 3 assertion (SAML Core 2.3.3, OIOSAML Web SSO Profile 3.0.3 §3) as text, keeping its canonical form.</summary>
internal static class AssertionWriter
{
    private const string A = SamlConstants.Namespaces.Assertion;
    private const string Prefix = XmlWrite.AssertionPrefix;

    /// <summary>
    /// Writes the assertion as the writer's canonical element (<see cref="SamlXmlWriter.BeginCanonical"/>) and returns its ID
    /// and the position right after its Issuer, where its signature belongs (SAML Core 5.4.1).
    /// </summary>
    public static (string Id, int SignatureIndex) Write(SamlXmlWriter writer, AssertionDescriptor d)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentException.ThrowIfNullOrEmpty(d.Issuer);
        ArgumentException.ThrowIfNullOrEmpty(d.Audience);
        ArgumentException.ThrowIfNullOrEmpty(d.Recipient);
        ArgumentException.ThrowIfNullOrEmpty(d.NameId);
        ArgumentException.ThrowIfNullOrEmpty(d.SessionIndex);

        var id = string.IsNullOrEmpty(d.Id) ? SamlId.New() : d.Id;
        writer.BeginCanonical();
        writer.Start(Prefix, "Assertion", A)
            .Attribute("ID", id)
            .Attribute("Version", SamlConstants.Version)
            .Attribute("IssueInstant", SamlInstant.Format(d.IssueInstant));
        writer.TextElement(Prefix, "Issuer", A, d.Issuer);
        var signatureIndex = writer.Length;
        WriteSubject(writer, d);
        WriteConditions(writer, d);
        WriteAuthnStatement(writer, d);
        WriteAttributeStatement(writer, d.Attributes);
        writer.End();
        return (id, signatureIndex);
    }

    private static void WriteSubject(SamlXmlWriter writer, AssertionDescriptor d)
    {
        writer.Start(Prefix, "Subject", A);
        writer.Start(Prefix, "NameID", A).Attribute("Format", d.NameIdFormat).Text(d.NameId).End();
        writer.Start(Prefix, "SubjectConfirmation", A).Attribute("Method", SamlConstants.BearerConfirmation);

        // SAML Profiles 4.1.4.2: bearer data carries Recipient and NotOnOrAfter and never NotBefore.
        writer.Start(Prefix, "SubjectConfirmationData", A)
            .Attribute("InResponseTo", d.InResponseTo)
            .Attribute("NotOnOrAfter", SamlInstant.Format(d.IssueInstant + d.ConfirmationLifetime))
            .Attribute("Recipient", d.Recipient)
            .End();
        writer.End().End();
    }

    private static void WriteConditions(SamlXmlWriter writer, AssertionDescriptor d)
    {
        writer.Start(Prefix, "Conditions", A)
            .Attribute("NotBefore", SamlInstant.Format(d.IssueInstant))
            .Attribute("NotOnOrAfter", SamlInstant.Format(d.IssueInstant + d.ConditionsLifetime));
        writer.Start(Prefix, "AudienceRestriction", A).TextElement(Prefix, "Audience", A, d.Audience).End();
        writer.End();
    }

    private static void WriteAuthnStatement(SamlXmlWriter writer, AssertionDescriptor d)
    {
        writer.Start(Prefix, "AuthnStatement", A)
            .Attribute("AuthnInstant", SamlInstant.Format(d.AuthnInstant))
            .Attribute("SessionIndex", d.SessionIndex)
            .Attribute("SessionNotOnOrAfter", SamlInstant.Format(d.SessionNotOnOrAfter));
        writer.Start(Prefix, "AuthnContext", A);
        writer.TextElement(Prefix, "AuthnContextClassRef", A, d.AuthnContextClassRef);
        if (d.AuthenticatingAuthority is not null)
        {
            writer.TextElement(Prefix, "AuthenticatingAuthority", A, d.AuthenticatingAuthority);
        }

        writer.End().End();
    }

    private static void WriteAttributeStatement(SamlXmlWriter writer, IReadOnlyList<SamlAttribute> attributes)
    {
        // OIOSAML 3.0.3: exactly one AttributeStatement, even when the service provider receives no optional attribute.
        writer.Start(Prefix, "AttributeStatement", A);
        foreach (var attribute in attributes)
        {
            writer.Start(Prefix, "Attribute", A)
                .Attribute("Name", attribute.Name)
                .Attribute("NameFormat", SamlConstants.AttributeNameFormatUri);
            foreach (var value in attribute.Values)
            {
                // The xs prefix is declared on the value itself so the QName in xsi:type resolves wherever the
                // element is canonicalised or extracted (canonical form leaves the declaration out: nothing visibly uses it).
                writer.Start(Prefix, "AttributeValue", A)
                    .Declare("xs", SamlConstants.Namespaces.XmlSchema)
                    .Attribute("xsi", "type", SamlConstants.Namespaces.XmlSchemaInstance, "xs:string")
                    .Text(value)
                    .End();
            }

            writer.End();
        }

        writer.End();
    }
}
