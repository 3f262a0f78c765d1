using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>The admin API as an operator's script would call it: bearer key, entityIDs percent-encoded in the path.</summary>
public sealed class AdminClient : IDisposable
{
    public const string MetadataMediaType = "application/samlmetadata+xml";

    private readonly HttpClient _http;

    public AdminClient(string baseUrl, string? apiKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public static string SpPath(string entityId, string? tail = null) =>
        "/api/admin/service-providers/" + Uri.EscapeDataString(entityId) + (tail is null ? string.Empty : "/" + tail);

    public Task<Reply> RegisterAsync(string metadataXml, string mediaType = MetadataMediaType) =>
        SendAsync(HttpMethod.Post, "/api/admin/service-providers", new StringContent(metadataXml, Encoding.UTF8, mediaType));

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Reply> PostAsync(string path) => SendAsync(HttpMethod.Post, path, null);

    public Task<Reply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<Reply> PutJsonAsync(string path, object body) => SendAsync(HttpMethod.Put, path, JsonContent.Create(body));

    /// <summary>A change with its request id in the <c>Idempotency-Key</c> header (none when null).</summary>
    public Task<Reply> ChangeAsync(HttpMethod method, string path, object? body, string? idempotencyKey) =>
        SendAsync(method, path, body is null ? null : JsonContent.Create(body), idempotencyKey is null ? [] : [("Idempotency-Key", idempotencyKey)]);

    public async Task<Reply> SendAsync(HttpMethod method, string path, HttpContent? content, IReadOnlyList<(string Name, string Value)>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Reply(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Headers.WwwAuthenticate.ToString(), response.Headers.Location);
    }

    public void Dispose() => _http.Dispose();

    public sealed record Reply(HttpStatusCode Status, string Body, string? MediaType, string WwwAuthenticate, Uri? Location)
    {
        public JsonNode Json => JsonNode.Parse(Body) ?? throw new JsonException("Empty body.");

        /// <summary>The RFC 9457 <c>code</c> member of a problem-details body.</summary>
        public string? ProblemCode => MediaType == "application/problem+json" ? Json["code"]?.GetValue<string>() : null;
    }
}
