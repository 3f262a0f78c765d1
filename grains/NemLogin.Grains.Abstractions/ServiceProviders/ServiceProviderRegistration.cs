using System.Collections.Immutable;
using NemLogin.Grains.Assurance;

namespace NemLogin.Grains.ServiceProviders;

/// <summary>
/// A service provider as the broker knows it: what its SAML metadata said plus the broker's policy for it.
/// Certificates are DER bytes; the gateway turns them into X509Certificate2 instances.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.sp.registration")]
public sealed record ServiceProviderRegistration
{
    [Id(0)] public required string EntityId { get; init; }
    [Id(1)] public required ImmutableArray<byte[]> SigningCertificates { get; init; }
    [Id(2)] public required ImmutableArray<byte[]> EncryptionCertificates { get; init; }
    [Id(3)] public required ImmutableArray<SamlEndpoint> AssertionConsumerServices { get; init; }
    [Id(4)] public ImmutableArray<SamlEndpoint> SingleLogoutServices { get; init; } = [];

    /// <summary>Data encryption algorithm URI the SP's metadata asked for (null: the broker default, AES-256-GCM).</summary>
    [Id(5)] public string? DataEncryptionAlgorithm { get; init; }

    /// <summary>Key transport algorithm URI the SP's metadata asked for (null: the broker default, RSA-OAEP).</summary>
    [Id(6)] public string? KeyTransportAlgorithm { get; init; }

    /// <summary>Attribute names (absolute URIs) the SP may receive.</summary>
    [Id(7)] public ImmutableArray<string> AllowedAttributes { get; init; } = [];

    [Id(8)] public LevelOfAssurance MinimumLoa { get; init; } = LevelOfAssurance.Substantial;

    /// <summary>Whether the SP is entitled to the CPR number (an administrative decision, never read from metadata).</summary>
    [Id(9)] public bool CprEntitled { get; init; }

    [Id(10)] public bool Enabled { get; init; } = true;

    /// <summary>Bumped by the grain on every change; callers may cache by it.</summary>
    [Id(11)] public long Version { get; init; }

    [Id(12)] public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>The SP metadata exactly as received, for audit and re-publication.</summary>
    [Id(13)] public string? MetadataXml { get; init; }

    /// <summary>Whether the Response around the signed assertion is signed too (OIOSAML 3: SHOULD NOT be, an SP option).</summary>
    [Id(14)] public bool SignResponse { get; init; }

    /// <summary>False when the SP demands a fresh login every time: a live session never answers it (single sign-on off).</summary>
    [Id(15)] public bool AllowSso { get; init; } = true;

    /// <summary>The NameID format the SP always gets (persistent or transient); null: what its request asks, persistent by default.</summary>
    [Id(16)] public string? NameIdFormat { get; init; }

    /// <summary>Data encryption algorithm the administrator chose for the SP; it wins over <see cref="DataEncryptionAlgorithm"/>.</summary>
    [Id(17)] public string? PolicyDataEncryptionAlgorithm { get; init; }

    /// <summary>Key transport algorithm the administrator chose for the SP; it wins over <see cref="KeyTransportAlgorithm"/>.</summary>
    [Id(18)] public string? PolicyKeyTransportAlgorithm { get; init; }

    /// <summary>Where the SP's metadata is fetched again periodically; null: only an administrator replaces it.</summary>
    [Id(19)] public MetadataSource? MetadataSource { get; init; }

    /// <summary>The name people know the service by, from its metadata (ServiceName); null: shown by its entityID.</summary>
    [Id(20)] public string? DisplayName { get; init; }

    /// <summary>
    /// The CVR number of the organisation that provides the service (the IT-system provider), set by support staff; its
    /// administrators see the service's privileges catalogue in the self-service pages. Null: no provider named.
    /// </summary>
    [Id(21)] public string? OwnerCvr { get; init; }
}
