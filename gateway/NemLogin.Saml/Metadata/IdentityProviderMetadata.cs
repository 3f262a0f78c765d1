using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Metadata;

/// <summary>What an identity provider's metadata (IDPSSODescriptor) says, as read.</summary>
public sealed record IdentityProviderMetadata
{
    public required string EntityId { get; init; }

    /// <summary>validUntil of the EntityDescriptor, when present (SAML Metadata 2.3.2).</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>Certificates of KeyDescriptors with use="signing" or no use, current first.</summary>
    public IReadOnlyList<X509Certificate2> SigningCertificates { get; init; } = [];

    public IReadOnlyList<EndpointInfo> SingleSignOnServices { get; init; } = [];

    public IReadOnlyList<EndpointInfo> SingleLogoutServices { get; init; } = [];

    public bool WantAuthnRequestsSigned { get; init; }
}
