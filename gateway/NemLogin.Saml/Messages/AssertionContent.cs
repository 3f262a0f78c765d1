namespace NemLogin.Saml.Messages;

/// <summary>An assertion (SAML Core 2.3.3) as read, unchecked: the validator decides what of it is acceptable.</summary>
internal sealed record AssertionContent
{
    public required string Id { get; init; }

    public required DateTimeOffset IssueInstant { get; init; }

    public required string Issuer { get; init; }

    public string? IssuerFormat { get; init; }

    /// <summary>The Subject's NameID; null when the subject is absent or identified otherwise (BaseID, EncryptedID).</summary>
    public string? NameId { get; init; }

    public string? NameIdFormat { get; init; }

    public IReadOnlyList<SubjectConfirmationContent> SubjectConfirmations { get; init; } = [];

    public bool HasConditions { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotOnOrAfter { get; init; }

    /// <summary>One list of audiences per AudienceRestriction.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AudienceRestrictions { get; init; } = [];

    /// <summary>Conditions other than AudienceRestriction, OneTimeUse and ProxyRestriction (SAML Core 2.5.1.1).</summary>
    public int UnknownConditionCount { get; init; }

    public IReadOnlyList<AuthnStatementContent> AuthnStatements { get; init; } = [];

    public int AttributeStatementCount { get; init; }

    /// <summary>Every Attribute of every AttributeStatement, in document order.</summary>
    public IReadOnlyList<SamlAttribute> Attributes { get; init; } = [];

    /// <summary>Statements other than AuthnStatement and AttributeStatement.</summary>
    public int OtherStatementCount { get; init; }
}
