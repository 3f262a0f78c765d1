namespace NemLogin.Saml.Messages;

/// <summary>Everything the broker decides about an assertion; <see cref="ResponseXml"/> turns it into OIOSAML 3 XML.</summary>
public sealed record AssertionDescriptor
{
    /// <summary>The assertion ID; a fresh random one is used when empty.</summary>
    public string Id { get; init; } = string.Empty;

    public required string Issuer { get; init; }

    /// <summary>The service provider's entity ID (AudienceRestriction).</summary>
    public required string Audience { get; init; }

    /// <summary>The ACS URL the response is posted to (SubjectConfirmationData Recipient and Response Destination).</summary>
    public required string Recipient { get; init; }

    public string? InResponseTo { get; init; }

    public required string NameId { get; init; }

    public string NameIdFormat { get; init; } = SamlConstants.NameIdFormats.Persistent;

    public required string SessionIndex { get; init; }

    public required DateTimeOffset IssueInstant { get; init; }

    public required DateTimeOffset AuthnInstant { get; init; }

    public required DateTimeOffset SessionNotOnOrAfter { get; init; }

    /// <summary>Conditions window, starting at <see cref="IssueInstant"/> (OIOSAML: 10–60 minutes).</summary>
    public TimeSpan ConditionsLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Bearer confirmation window from <see cref="IssueInstant"/>.</summary>
    public TimeSpan ConfirmationLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The upstream IdP when the broker proxies (SAML Core 3.4.1.5.1).</summary>
    public string? AuthenticatingAuthority { get; init; }

    public string AuthnContextClassRef { get; init; } = SamlConstants.OioSaml.NsisAuthnContextClassRef;

    public IReadOnlyList<SamlAttribute> Attributes { get; init; } = [];
}
