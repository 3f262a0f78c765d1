namespace NemLogin.Saml.Messages;

/// <summary>An assertion a service provider has validated: who logged in, how, and the attributes.</summary>
public sealed record SamlAssertion
{
    public required string Id { get; init; }

    public required string Issuer { get; init; }

    public required string NameId { get; init; }

    public required string NameIdFormat { get; init; }

    public string? SessionIndex { get; init; }

    public required DateTimeOffset AuthnInstant { get; init; }

    public DateTimeOffset? SessionNotOnOrAfter { get; init; }

    public IReadOnlyList<string> AuthenticatingAuthorities { get; init; } = [];

    public string? AuthnContextClassRef { get; init; }

    /// <summary>Attribute values by attribute name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotOnOrAfter { get; init; }

    public IReadOnlyList<string> Audiences { get; init; } = [];
}
