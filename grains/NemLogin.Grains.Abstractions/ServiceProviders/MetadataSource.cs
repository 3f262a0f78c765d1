namespace NemLogin.Grains.ServiceProviders;

/// <summary>
/// A URL the broker fetches the SP's metadata from again every <see cref="RefreshInterval"/>. When
/// <see cref="SigningCertificate"/> (DER) is set, the fetched document must carry an enveloped signature by it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.sp.metadata-source")]
public sealed record MetadataSource(
    [property: Id(0)] string Url,
    [property: Id(1)] byte[]? SigningCertificate,
    [property: Id(2)] TimeSpan RefreshInterval);
