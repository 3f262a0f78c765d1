using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Metadata;

/// <summary>What the broker publishes about itself as an identity provider.</summary>
public sealed record IdentityProviderDescriptor
{
    public required string EntityId { get; init; }

    /// <summary>The current signing certificate first, then the next one during rollover.</summary>
    public required IReadOnlyList<X509Certificate2> SigningCertificates { get; init; }

    public required IReadOnlyList<EndpointInfo> SingleSignOnServices { get; init; }

    public IReadOnlyList<EndpointInfo> SingleLogoutServices { get; init; } = [];

    public IReadOnlyList<string> NameIdFormats { get; init; } = [];

    public IReadOnlyList<string> AttributeNames { get; init; } = [];

    /// <summary>How long after <see cref="Now"/> the document is valid (validUntil).</summary>
    public TimeSpan ValidFor { get; init; } = TimeSpan.FromDays(7);

    public required DateTimeOffset Now { get; init; }

    public string? OrganizationName { get; init; }

    public string? ContactEmail { get; init; }
}
