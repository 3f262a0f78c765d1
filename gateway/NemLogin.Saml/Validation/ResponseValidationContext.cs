using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml.Signatures;

namespace NemLogin.Saml.Validation;

/// <summary>What a service provider knows when it checks a Response: itself, the request it sent, and the IdP's metadata.</summary>
public sealed record ResponseValidationContext
{
    /// <summary>The service provider's entity ID; the assertion's Audience must name it.</summary>
    public required string ServiceProviderEntityId { get; init; }

    /// <summary>The ACS URL the response was received at (Destination and Recipient).</summary>
    public required string AssertionConsumerServiceUrl { get; init; }

    /// <summary>The ID of the AuthnRequest sent, or null for an unsolicited response (which then must not claim one).</summary>
    public string? ExpectedInResponseTo { get; init; }

    public required string IdentityProviderEntityId { get; init; }

    /// <summary>The IdP's signing certificates from its metadata; nothing else is trusted.</summary>
    public required IReadOnlyList<X509Certificate2> IdentityProviderSigningCertificates { get; init; }

    /// <summary>The service provider's encryption certificates, with private keys.</summary>
    public required IReadOnlyList<X509Certificate2> DecryptionCertificates { get; init; }

    public required DateTimeOffset Now { get; init; }

    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    public SignaturePolicy SignaturePolicy { get; init; } = SignaturePolicy.Default;
}
