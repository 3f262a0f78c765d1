namespace NemLogin.Saml.Messages;

/// <summary>A SAML 2.0 LogoutRequest (SAML Core 3.7.1) as written by the broker or a service provider, or as read.</summary>
public sealed record LogoutRequest
{
    /// <summary>The request ID; a fresh random one unless set. Empty when a received request carried none.</summary>
    public string Id { get; init; } = SamlId.New();

    public required DateTimeOffset IssueInstant { get; init; }

    public string? Destination { get; init; }

    /// <summary>The sender's entity ID; empty when a received request carried none.</summary>
    public required string Issuer { get; init; }

    /// <summary>The Issuer's Format attribute; OIOSAML allows it absent or the entity format.</summary>
    public string? IssuerFormat { get; init; }

    /// <summary>SAML Core 3.7.1: after this instant the recipient must discard the request.</summary>
    public DateTimeOffset? NotOnOrAfter { get; init; }

    /// <summary>Why the logout happens (SAML Core 3.7.3.1), e.g. <c>urn:oasis:names:tc:SAML:2.0:logout:user</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>The principal as the recipient knows it: the NameID value it received in the assertion.</summary>
    public required string NameId { get; init; }

    public string? NameIdFormat { get; init; }

    public string? NameQualifier { get; init; }

    public string? SpNameQualifier { get; init; }

    /// <summary>The sessions to end (the SessionIndex values of the assertions); none means every session of the principal.</summary>
    public IReadOnlyList<string> SessionIndexes { get; init; } = [];
}
