using System.Net;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// The browser's hops through a logout, one at a time: redirects to the test service providers' made-up hosts are where the
/// SP takes over, so they are handed back to the test rather than followed. Shares cookies with a <see cref="Support.TestBrowser"/>.
/// </summary>
public sealed class FrontChannel : IDisposable
{
    private readonly HttpClient _client;

    public FrontChannel(CookieContainer cookies)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<Hop> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        return await HopAsync(response);
    }

    public async Task<Hop> PostFormAsync(string url, IReadOnlyDictionary<string, string> fields)
    {
        using var response = await _client.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        return await HopAsync(response);
    }

    /// <summary>Follows redirects while they stay on <paramref name="url"/>'s host; stops at a page or a redirect elsewhere.</summary>
    public async Task<Hop> FollowAsync(string url)
    {
        var host = new Uri(url).Authority;
        var hop = await GetAsync(url);
        for (var step = 0; hop.IsRedirect && hop.Location!.Authority == host && step < 10; step++)
        {
            hop = await GetAsync(hop.Location.ToString());
        }

        return hop;
    }

    /// <summary>Posts, then follows redirects as <see cref="FollowAsync"/> does.</summary>
    public async Task<Hop> PostAndFollowAsync(string url, IReadOnlyDictionary<string, string> fields)
    {
        var hop = await PostFormAsync(url, fields);
        return hop.IsRedirect && hop.Location!.Authority == new Uri(url).Authority ? await FollowAsync(hop.Location.ToString()) : hop;
    }

    public void Dispose() => _client.Dispose();

    private static async Task<Hop> HopAsync(HttpResponseMessage response)
    {
        var url = response.RequestMessage!.RequestUri!;
        var location = response.Headers.Location is { } l ? new Uri(url, l) : null;
        return new Hop(url, response.StatusCode, location, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
        {
            Csp = response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? string.Join(", ", csp) : null,
        };
    }
}
