using System.Net.Http.Headers;
using System.Text;
using NemLogin.LoadTests.Http;

namespace NemLogin.LoadTests.Parties;

/// <summary>
/// The broker's admin API as an operator's tooling uses it: <c>POST /api/admin/service-providers</c> with SAML
/// metadata and <c>DELETE /api/admin/service-providers/{entityID}</c>, authorised by <c>Authorization: Bearer</c>.
/// </summary>
public sealed class AdminApi(BrowserTransport transport, Uri target, string apiKey)
{
    private const string MetadataMediaType = "application/samlmetadata+xml";

    public Task<HttpPage> RegisterAsync(string metadataXml, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "api/admin/service-providers"))
        {
            Content = new StringContent(metadataXml, Encoding.UTF8, MetadataMediaType),
        };
        return SendAsync(request, Encoding.UTF8.GetByteCount(metadataXml), cancellationToken);
    }

    /// <summary><c>POST /api/admin/oidc-clients</c> with RFC 7591 client metadata (JSON).</summary>
    public Task<HttpPage> RegisterOidcClientAsync(string metadataJson, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "api/admin/oidc-clients"))
        {
            Content = new StringContent(metadataJson, Encoding.UTF8, "application/json"),
        };
        return SendAsync(request, Encoding.UTF8.GetByteCount(metadataJson), cancellationToken);
    }

    /// <summary>
    /// A change with a JSON body (organisations, employees, rights, privilege catalogues) under its request id, the
    /// <c>Idempotency-Key</c> header: sending it again with the same id changes nothing.
    /// </summary>
    public Task<HttpPage> ChangeAsync(HttpMethod method, string path, string json, string requestId, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(target, path.TrimStart('/')))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", requestId);
        return SendAsync(request, Encoding.UTF8.GetByteCount(json), cancellationToken);
    }

    /// <summary>A read (<c>GET</c>) of an admin resource, e.g. <c>api/admin/mandates?grantee=cpr:…</c>.</summary>
    public Task<HttpPage> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(target, path.TrimStart('/'))), 0, cancellationToken);

    public Task<HttpPage> DeleteAsync(string entityId, CancellationToken cancellationToken) =>
        // The entityID travels as one percent-encoded path segment, slashes included.
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri(target, "api/admin/service-providers/" + Uri.EscapeDataString(entityId))), 0, cancellationToken);

    private async Task<HttpPage> SendAsync(HttpRequestMessage request, long sentBytes, CancellationToken cancellationToken)
    {
        using var _ = request;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(transport.RequestTimeout);
        try
        {
            using var response = await transport.Invoker.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new HttpPage(request.RequestUri!, (int)response.StatusCode, response.Headers.Location, body, sentBytes + body.Length);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer within {transport.RequestTimeout.TotalSeconds:0} s.");
        }
    }
}
