using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Metadata;

/// <summary>What a service provider (the demo SP, tests) publishes about itself.</summary>
public sealed record ServiceProviderDescriptor
{
    public required string EntityId { get; init; }

    public required X509Certificate2 SigningCertificate { get; init; }

    public required X509Certificate2 EncryptionCertificate { get; init; }

    /// <summary>EncryptionMethod algorithms in preference order, e.g. AES-256-GCM then RSA-OAEP.</summary>
    public IReadOnlyList<string> EncryptionMethods { get; init; } = [];

    public required IReadOnlyList<EndpointInfo> AssertionConsumerServices { get; init; }

    public IReadOnlyList<EndpointInfo> SingleLogoutServices { get; init; } = [];

    public IReadOnlyList<RequestedAttributeInfo> RequestedAttributes { get; init; } = [];

    public required string ServiceName { get; init; }
}
