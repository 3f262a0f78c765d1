using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Metadata;

/// <summary>What a service provider's metadata (SPSSODescriptor) says, as read; <see cref="Validation.MetadataValidator"/> checks it.</summary>
public sealed record ServiceProviderMetadata
{
    public required string EntityId { get; init; }

    /// <summary>validUntil of the EntityDescriptor, when present (SAML Metadata 2.3.2).</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>Certificates of KeyDescriptors with use="signing" or no use.</summary>
    public IReadOnlyList<X509Certificate2> SigningCertificates { get; init; } = [];

    /// <summary>Certificates of KeyDescriptors with use="encryption" or no use.</summary>
    public IReadOnlyList<X509Certificate2> EncryptionCertificates { get; init; } = [];

    /// <summary>EncryptionMethod algorithms of the encryption KeyDescriptors, in document order (the SP's preference).</summary>
    public IReadOnlyList<string> EncryptionMethods { get; init; } = [];

    public IReadOnlyList<EndpointInfo> AssertionConsumerServices { get; init; } = [];

    public IReadOnlyList<EndpointInfo> SingleLogoutServices { get; init; } = [];

    public IReadOnlyList<RequestedAttributeInfo> RequestedAttributes { get; init; } = [];

    public bool AuthnRequestsSigned { get; init; }

    public bool WantAssertionsSigned { get; init; }

    /// <summary>The service's name for people (ServiceName or OrganizationDisplayName), when the metadata gives one.</summary>
    public string? ServiceName { get; init; }
}
