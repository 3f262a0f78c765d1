using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>What the broker knows when it checks an AuthnRequest: itself, and the service provider's registration.</summary>
public sealed record AuthnRequestValidationContext
{
    /// <summary>The broker's own entity ID (the issuer of any answer).</summary>
    public required string IdentityProviderEntityId { get; init; }

    /// <summary>The broker's SSO endpoint URLs; a request's Destination must be one of them.</summary>
    public required IReadOnlyCollection<string> SingleSignOnUrls { get; init; }

    /// <summary>The service provider's registered signing certificates; nothing else is trusted.</summary>
    public required IReadOnlyList<X509Certificate2> TrustedSigningCertificates { get; init; }

    /// <summary>The service provider's registered assertion consumer services.</summary>
    public required IReadOnlyList<EndpointInfo> RegisteredAssertionConsumerServices { get; init; }

    public required DateTimeOffset Now { get; init; }

    public TimeSpan ClockSkew { get; init; } = MessageAge.DefaultClockSkew;

    /// <summary>How old a request may be (from its IssueInstant) and still be answered.</summary>
    public TimeSpan MaxMessageAge { get; init; } = MessageAge.DefaultMaxMessageAge;

    public SignaturePolicy SignaturePolicy { get; init; } = SignaturePolicy.Default;

    /// <summary>
    /// The OIOSAML 3 eID attribute profiles the broker can assert. A request naming profiles, none of them offered, is
    /// answered NoAuthnContext. The citizen (Person) and the employee (Professional) profiles.
    /// </summary>
    public IReadOnlySet<string> OfferedProfiles { get; init; } =
        new HashSet<string>(StringComparer.Ordinal) { SamlConstants.OioSaml.ProfilePerson, SamlConstants.OioSaml.ProfileProfessional };
}
