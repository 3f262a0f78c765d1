namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>PUT …/metadata-source</c>: where the SP's metadata is fetched from, every <c>refreshInterval</c> (1–12 hours,
/// default 6), and optionally the certificate (base64 DER or PEM) whose signature the fetched document must carry.
/// </summary>
internal sealed record MetadataSourceRequest
{
    public string? Url { get; init; }

    public string? SigningCertificate { get; init; }

    public TimeSpan? RefreshInterval { get; init; }
}
