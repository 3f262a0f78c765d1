using System.Net;
using System.Text;

namespace NemLogin.LoadTests.Http;

/// <summary>
/// One virtual user's browser: its own cookie jar over the shared connection pool. A request that outlives the
/// transport's timeout throws <see cref="TimeoutException"/>; cancellation by the run propagates as such.
/// </summary>
public sealed class VirtualBrowser(BrowserTransport transport)
{
    private readonly CookieContainer _cookies = new();

    public Task<HttpPage> GetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, url), url.OriginalString.Length, cancellationToken);

    public Task<HttpPage> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        return SendAsync(request, url.OriginalString.Length + body.Length, cancellationToken);
    }

    private async Task<HttpPage> SendAsync(HttpRequestMessage request, long sentBytes, CancellationToken cancellationToken)
    {
        using var _ = request;
        var url = request.RequestUri!;
        var cookieHeader = _cookies.GetCookieHeader(url);
        if (cookieHeader.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(transport.RequestTimeout);
        try
        {
            using var response = await transport.Invoker.SendAsync(request, timeout.Token);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    _cookies.SetCookies(url, setCookie);
                }
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l : new Uri(url, l)) : null;
            return new HttpPage(url, (int)response.StatusCode, location, body, sentBytes + body.Length);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer within {transport.RequestTimeout.TotalSeconds:0} s.");
        }
    }
}
