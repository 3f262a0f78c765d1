using NemLogin.Grains.Errors;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>
/// MitID's discovery document and JWKS, cached for <see cref="MitIdUpstreamOptions.MetadataRefreshInterval"/>.
/// A token signed with a key not in the cache causes one early refetch of the keys (key rotation), rate-limited so a
/// misbehaving upstream cannot make every login fetch.
/// </summary>
internal sealed class MitIdMetadataCache(
    IHttpClientFactory httpClients,
    MitIdAuthority authority,
    IOptions<MitIdUpstreamOptions> options,
    TimeProvider time,
    ILogger<MitIdMetadataCache> logger) : IDisposable
{
    public const string HttpClientName = "mitid";
    private static readonly TimeSpan MinimumKeyRefetchInterval = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MitIdMetadata? _current;

    public async Task<MitIdMetadata> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() - current.FetchedAt < options.Value.MetadataRefreshInterval)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && time.GetUtcNow() - current.FetchedAt < options.Value.MetadataRefreshInterval)
            {
                return current;
            }

            return _current = await FetchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fetches the keys again unless that happened moments ago; returns the metadata to validate with.</summary>
    public async Task<MitIdMetadata> RefreshKeysAsync(MitIdMetadata stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = _current ?? stale;
            if (!ReferenceEquals(current, stale) || time.GetUtcNow() - current.FetchedAt < MinimumKeyRefetchInterval)
            {
                return current;
            }

            Log.SigningKeysRefetched(logger);
            var keys = await FetchKeysAsync(current.JwksUri, cancellationToken);
            return _current = current with { SigningKeys = keys, FetchedAt = time.GetUtcNow() };
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<MitIdMetadata> FetchAsync(CancellationToken cancellationToken)
    {
        var document = await GetJsonAsync<MitIdDiscoveryDocument>(authority.DiscoveryUri, cancellationToken);
        var expectedIssuer = authority.Issuer;

        // OIDC Discovery 4.3: the issuer in the document must be identical to the one it was fetched for.
        if (!string.Equals(document.Issuer, expectedIssuer, StringComparison.Ordinal))
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamMetadataUnavailable), "MitID's discovery document names another issuer.");
        }

        var tokenEndpoint = RequireEndpoint(document.TokenEndpoint, expectedIssuer, "token_endpoint");
        var jwksUri = RequireEndpoint(document.JwksUri, expectedIssuer, "jwks_uri");
        var keys = await FetchKeysAsync(jwksUri, cancellationToken);
        Log.MetadataFetched(logger, expectedIssuer, keys.Count);
        return new MitIdMetadata(expectedIssuer, tokenEndpoint, jwksUri, document.IssParameterSupported, keys, time.GetUtcNow());
    }

    private async Task<IReadOnlyList<JsonWebKey>> FetchKeysAsync(Uri jwksUri, CancellationToken cancellationToken)
    {
        var set = await GetJsonAsync<JsonElement>(jwksUri, cancellationToken);
        JsonWebKeySet jwks;
        try
        {
            jwks = new JsonWebKeySet(set.GetRawText());
        }
        catch (ArgumentException ex)
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamMetadataUnavailable), "MitID's JWKS could not be read.", ex);
        }

        // Only asymmetric signature keys: a symmetric "key" published in a JWKS would be public, so never trusted.
        var keys = jwks.Keys
            .Where(k => k.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve)
            .Where(k => string.IsNullOrEmpty(k.Use) || k.Use == JsonWebKeyUseNames.Sig)
            .ToList();
        if (keys.Count == 0)
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamMetadataUnavailable), "MitID's JWKS holds no signing key.");
        }

        return keys;
    }

    private async Task<T> GetJsonAsync<T>(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            return await client.GetFromJsonAsync<T>(uri, cancellationToken)
                ?? throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamMetadataUnavailable), "MitID's metadata is empty.");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.MetadataFetchFailed(logger, ex.GetType().Name);
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamMetadataUnavailable), "MitID's metadata could not be fetched.", ex);
        }
    }

    /// <summary>Endpoints are absolute and, when the issuer is https, https as well: no downgrade through the document.</summary>
    private static Uri RequireEndpoint(string? value, string issuer, string member)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && !issuer.StartsWith("https:", StringComparison.Ordinal))))
        {
            return uri;
        }

        throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamMetadataUnavailable), $"MitID's discovery document has no usable {member}.");
    }
}
