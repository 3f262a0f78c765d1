using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>
/// What the receiver of a LogoutRequest or LogoutResponse knows: where it receives them, and the sender's registration.
/// The broker fills it from the service provider's registration; a service provider from the IdP's metadata.
/// </summary>
public sealed record LogoutValidationContext
{
    /// <summary>The sender's entity ID as registered; the message's Issuer must be exactly this.</summary>
    public required string ExpectedIssuer { get; init; }

    /// <summary>The receiver's single logout URLs; the message's Destination must be one of them.</summary>
    public required IReadOnlyCollection<string> Destinations { get; init; }

    /// <summary>The sender's registered signing certificates; nothing else is trusted.</summary>
    public required IReadOnlyList<X509Certificate2> TrustedSigningCertificates { get; init; }

    public required DateTimeOffset Now { get; init; }

    public TimeSpan ClockSkew { get; init; } = MessageAge.DefaultClockSkew;

    /// <summary>How old a message may be (from its IssueInstant) and still be acted on.</summary>
    public TimeSpan MaxMessageAge { get; init; } = MessageAge.DefaultMaxMessageAge;

    public SignaturePolicy SignaturePolicy { get; init; } = SignaturePolicy.Default;
}
