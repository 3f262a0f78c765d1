using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Xml;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>
/// Fetches SP metadata from its registered URL (size-capped, no redirects) and, when the registration names a trusted
/// metadata-signing certificate, requires the document's enveloped signature by exactly that certificate.
/// </summary>
internal sealed class MetadataFetcher(IHttpClientFactory httpClients, TimeProvider time)
{
    public const string HttpClientName = "sp-metadata";

    /// <summary>Metadata with a handful of certificates is tens of kilobytes; anything near this cap is not an SP's.</summary>
    public const int MaxBytes = 256 * 1024;

    public async Task<string> FetchAsync(MetadataSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var xml = await DownloadAsync(source.Url, cancellationToken);
        if (source.SigningCertificate is { } der)
        {
            VerifySignature(xml, X509CertificateLoader.LoadCertificate(der));
        }

        return xml;
    }

    private async Task<string> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new MetadataFetchException(MetadataFetchException.FetchFailed, $"The metadata URL answered HTTP {(int)response.StatusCode}.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var bytes = await BoundedBody.ReadAsync(body, MaxBytes, cancellationToken)
                ?? throw new MetadataFetchException(MetadataFetchException.TooLarge, $"The metadata is larger than {MaxBytes} bytes.");
            return MetadataText.Decode(bytes);
        }
        catch (HttpRequestException ex)
        {
            throw new MetadataFetchException(MetadataFetchException.FetchFailed, "The metadata URL could not be reached.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetadataFetchException(MetadataFetchException.FetchFailed, "The metadata URL did not answer in time.", ex);
        }
    }

    // SAML Metadata 3: a metadata signature is an enveloped XML signature over the root element. The registration's reader
    // parses the same text again; both parses see the same root, so the element verified is the element read.
    private void VerifySignature(string xml, X509Certificate2 trusted)
    {
        var root = SafeXml.Load(xml, SamlLimits.Default).DocumentElement
            ?? throw new SamlException(SamlErrorCode.XmlMalformed, "The metadata has no root element.");
        XmlSignatureVerifier.Verify(root, [trusted], SignaturePolicy.Default, time.GetUtcNow());
    }
}
