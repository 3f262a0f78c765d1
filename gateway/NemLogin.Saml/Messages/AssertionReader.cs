using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>Reads an Assertion element (SAML Core 2.3.3) into <see cref="AssertionContent"/>, reporting structural errors only.</summary>
internal static class AssertionReader
{
    private const string A = SamlConstants.Namespaces.Assertion;
    private const SamlErrorCode Schema = SamlErrorCode.XmlSchemaViolation;

    public static AssertionContent Read(XmlElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!XmlRead.Is(root, A, "Assertion"))
        {
            throw new SamlException(SamlErrorCode.XmlUnexpectedRoot, $"Expected saml:Assertion, got {root.LocalName}.");
        }

        ProtocolVersion.Ensure(root);

        var children = new ElementSequence(root, Schema);
        var issuer = children.Required(A, "Issuer");
        children.Optional(SamlConstants.Namespaces.XmlDsig, "Signature");
        var subject = children.Optional(A, "Subject");
        var conditions = children.Optional(A, "Conditions");
        children.Optional(A, "Advice");
        var statements = children.Many(A, "Statement", "AuthnStatement", "AuthzDecisionStatement", "AttributeStatement");
        children.End();

        var assertion = new AssertionContent
        {
            Id = XmlRead.RequiredAttribute(root, "ID", Schema),
            IssueInstant = XmlRead.RequiredInstant(root, "IssueInstant", Schema),
            Issuer = SafeXml.ReadIdentifier(issuer),
            IssuerFormat = XmlRead.Attribute(issuer, "Format"),
            AuthnStatements = [.. statements.Where(s => s.LocalName == "AuthnStatement").Select(ReadAuthnStatement)],
            AttributeStatementCount = statements.Count(s => s.LocalName == "AttributeStatement"),
            Attributes = [.. statements.Where(s => s.LocalName == "AttributeStatement").SelectMany(ReadAttributes)],
            OtherStatementCount = statements.Count(s => s.LocalName is not ("AuthnStatement" or "AttributeStatement")),
        };

        if (subject is not null)
        {
            assertion = ReadSubject(subject, assertion);
        }

        return conditions is null ? assertion : ReadConditions(conditions, assertion);
    }

    private static AssertionContent ReadSubject(XmlElement subject, AssertionContent assertion)
    {
        var children = new ElementSequence(subject, Schema);
        var identifiers = children.Many(A, "BaseID", "NameID", "EncryptedID");
        var confirmations = children.Many(A, "SubjectConfirmation");
        children.End();
        if (identifiers.Count > 1)
        {
            throw new SamlException(Schema, "Subject holds more than one identifier.");
        }

        var nameId = identifiers.Count == 1 && identifiers[0].LocalName == "NameID" ? identifiers[0] : null;
        return assertion with
        {
            NameId = nameId is null ? null : SafeXml.ReadIdentifier(nameId),
            NameIdFormat = nameId is null ? null : XmlRead.Attribute(nameId, "Format"),
            SubjectConfirmations = [.. confirmations.Select(ReadSubjectConfirmation)],
        };
    }

    private static SubjectConfirmationContent ReadSubjectConfirmation(XmlElement confirmation)
    {
        var children = new ElementSequence(confirmation, Schema);
        var identifiers = children.Many(A, "BaseID", "NameID", "EncryptedID");
        var data = children.Optional(A, "SubjectConfirmationData");
        children.End();
        if (identifiers.Count > 1)
        {
            throw new SamlException(Schema, "SubjectConfirmation holds more than one identifier.");
        }

        return new SubjectConfirmationContent(
            XmlRead.RequiredAttribute(confirmation, "Method", Schema),
            data is not null,
            data is null ? null : XmlRead.Attribute(data, "Recipient"),
            data is null ? null : XmlRead.Instant(data, "NotBefore", Schema),
            data is null ? null : XmlRead.Instant(data, "NotOnOrAfter", Schema),
            data is null ? null : XmlRead.Attribute(data, "InResponseTo"));
    }

    private static AssertionContent ReadConditions(XmlElement conditions, AssertionContent assertion)
    {
        var children = new ElementSequence(conditions, Schema);
        var items = children.Many(A, "Condition", "AudienceRestriction", "OneTimeUse", "ProxyRestriction");
        children.End();

        var audiences = new List<IReadOnlyList<string>>();
        foreach (var restriction in items.Where(c => c.LocalName == "AudienceRestriction"))
        {
            var restrictionChildren = new ElementSequence(restriction, Schema);
            var audience = restrictionChildren.Many(A, "Audience");
            restrictionChildren.End();
            if (audience.Count == 0)
            {
                throw new SamlException(Schema, "AudienceRestriction holds no Audience.");
            }

            audiences.Add([.. audience.Select(SafeXml.ReadIdentifier)]);
        }

        return assertion with
        {
            HasConditions = true,
            NotBefore = XmlRead.Instant(conditions, "NotBefore", Schema),
            NotOnOrAfter = XmlRead.Instant(conditions, "NotOnOrAfter", Schema),
            AudienceRestrictions = audiences,
            UnknownConditionCount = items.Count(c => c.LocalName == "Condition"),
        };
    }

    private static AuthnStatementContent ReadAuthnStatement(XmlElement statement)
    {
        var children = new ElementSequence(statement, Schema);
        children.Optional(A, "SubjectLocality");
        var context = children.Required(A, "AuthnContext");
        children.End();

        var contextChildren = new ElementSequence(context, Schema);
        var classRef = contextChildren.Optional(A, "AuthnContextClassRef");
        contextChildren.Many(A, "AuthnContextDecl", "AuthnContextDeclRef");
        var authorities = contextChildren.Many(A, "AuthenticatingAuthority");
        contextChildren.End();

        return new AuthnStatementContent(
            XmlRead.Attribute(statement, "SessionIndex"),
            XmlRead.RequiredInstant(statement, "AuthnInstant", Schema),
            XmlRead.Instant(statement, "SessionNotOnOrAfter", Schema),
            classRef is null ? null : SafeXml.ReadIdentityText(classRef),
            [.. authorities.Select(SafeXml.ReadIdentityText)]);
    }

    private static IEnumerable<SamlAttribute> ReadAttributes(XmlElement statement)
    {
        var children = new ElementSequence(statement, Schema);
        var attributes = children.Many(A, "Attribute", "EncryptedAttribute");
        children.End();

        // The schema asks for at least one attribute, but OIOSAML 3.0.3 wants the statement present even when a service
        // provider is entitled to none, so an empty one is read as empty.
        foreach (var attribute in attributes.Where(a => a.LocalName == "Attribute"))
        {
            var valueChildren = new ElementSequence(attribute, Schema);
            var values = valueChildren.Many(A, "AttributeValue");
            valueChildren.End();

            // Values go through ReadIdentityText: a comment inside one could otherwise truncate an identity.
            yield return new SamlAttribute(
                XmlRead.RequiredAttribute(attribute, "Name", Schema),
                [.. values.Select(SafeXml.ReadIdentityText)]);
        }
    }
}
