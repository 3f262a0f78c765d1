using System.Globalization;
using System.Net;
using Xunit;

namespace NemLogin.Gateway.Tests.Proxy;

/// <summary>
/// Behind a reverse proxy (README): forwarded headers are believed from the configured proxy only, so limits count real
/// clients and cookies are Secure behind TLS; the same headers from anyone else change nothing. Through a real nginx.
/// </summary>
public sealed class ReverseProxyTests(ProxiedBroker proxied) : IClassFixture<ProxiedBroker>
{
    private const string StrictTransportSecurity = "max-age=31536000";

    [Fact]
    public async Task RateLimit_ClientsBehindConfiguredProxy_EachHasItsOwnBucket()
    {
        // Attack class: one client behind the shared proxy exhausting everyone's budget (limits per proxy, not per client).
        using var greedy = proxied.ViaProxy(LoopbackClient.Address(21));
        using var other = proxied.ViaProxy(LoopbackClient.Address(22));

        var greedyStatuses = await GetManyAsync(greedy, proxied.Proxy.BaseUrl, ProxiedBroker.Burst * 3);
        var otherStatuses = await GetManyAsync(other, proxied.Proxy.BaseUrl, ProxiedBroker.Burst);

        Assert.Contains(HttpStatusCode.TooManyRequests, greedyStatuses);
        Assert.All(otherStatuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task RateLimit_ForwardedForWrittenByClientThroughProxy_StaysInItsOwnBucket()
    {
        // Attack class: spoofing through the proxy. The client writes a new X-Forwarded-For each time; nginx appends the
        // address it saw ($proxy_add_x_forwarded_for) and only that last entry, the proxy's own view, counts.
        using var client = proxied.ViaProxy(LoopbackClient.Address(23));

        var statuses = await GetManyAsync(client, proxied.Proxy.BaseUrl, ProxiedBroker.Burst * 3,
            i => new Dictionary<string, string> { ["X-Forwarded-For"] = string.Create(CultureInfo.InvariantCulture, $"198.51.100.{i + 1}") });

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Cookies_ThroughTlsProxy_SecureAndHstsSent()
    {
        // Attack class: session cookies on plain http (a network attacker reads or plants them) behind a TLS proxy.
        using var client = proxied.ViaProxy(LoopbackClient.Address(24));

        var responses = await ProxiedBroker.StartLoginAsync(client, proxied.Proxy.BaseUrl);

        var cookies = responses.SelectMany(SetCookies).ToList();
        // Over https the broker's own cookie carries the __Host- prefix (no sibling or plain-http page can plant it).
        Assert.Equal(["demo-sp.pending", "__Host-nemlogin.bind", "mitid-sim-browser"], cookies.Select(CookieName));
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.All(responses, response => Assert.Equal(StrictTransportSecurity, string.Join(",", response.Headers.GetValues("Strict-Transport-Security"))));
    }

    [Fact]
    public async Task ForwardedHeaders_FromSenderNotConfiguredAsProxy_Ignored()
    {
        // Attack class: spoofing. A client that is not the configured proxy claims to be forwarding for other addresses
        // over https: it stays one address (limited) on plain http (no Secure cookies, no HSTS).
        using var limited = proxied.Direct(LoopbackClient.Address(25));
        using var browser = proxied.Direct(LoopbackClient.Address(26));
        var spoofed = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-Host"] = NginxProxy.HostName };

        var statuses = await GetManyAsync(limited, proxied.DirectBaseUrl, ProxiedBroker.Burst * 3,
            i => new Dictionary<string, string> { ["X-Forwarded-For"] = string.Create(CultureInfo.InvariantCulture, $"203.0.113.{i + 1}") });
        var responses = await ProxiedBroker.StartLoginAsync(browser, proxied.DirectBaseUrl,
            new Dictionary<string, string>(spoofed) { ["X-Forwarded-For"] = "203.0.113.200" });

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var cookies = responses.SelectMany(SetCookies).ToList();
        Assert.Equal(3, cookies.Count);
        Assert.All(cookies, cookie => Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.All(responses, response => Assert.False(response.Headers.Contains("Strict-Transport-Security")));
    }

    private static async Task<List<HttpStatusCode>> GetManyAsync(
        HttpClient client, string baseUrl, int count, Func<int, IReadOnlyDictionary<string, string>>? headers = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/health/live");
            foreach (var (name, value) in headers?.Invoke(i) ?? new Dictionary<string, string>())
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string CookieName(string setCookie) => setCookie[..setCookie.IndexOf('=', StringComparison.Ordinal)];
}
