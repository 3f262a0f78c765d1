using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Proxy;

/// <summary>
/// Behind a reverse proxy (README): settings that would let any client name its own address or scheme stop the broker at
/// start-up; an https public address makes every cookie Secure and sends HSTS even when the proxy is not (yet) trusted.
/// </summary>
public sealed class TransportSettingsTests
{
    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "nginx.internal", "ForwardedHeaders:KnownProxies: 'nginx.internal' is not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "0.0.0.0/0", "ForwardedHeaders:KnownNetworks: '0.0.0.0/0' is every address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "::/0", "ForwardedHeaders:KnownNetworks: '::/0' is every address")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0", "ForwardedHeaders:ForwardLimit must be between 1 and 10")]
    [InlineData("FORWARDEDHEADERS_ENABLED", "true", "ASPNETCORE_FORWARDEDHEADERS_ENABLED is set")]
    [InlineData("Hsts:MaxAge", "-00:00:01", "MaxAge")]
    public async Task Startup_ProxySettingThatTrustsAnySender_RefusedNamingIt(string key, string value, string message)
    {
        // Attack class: spoofing of X-Forwarded-For/-Proto through a setting that trusts every sender or silently nobody.
        await using var broker = new BrokerFactory(new Dictionary<string, string?> { [key] = value });

        var refusal = StartupRefusal.Of(broker);

        Assert.Contains(message, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_HttpsPublicUrlWithoutTrustedProxy_SecureAndHstsSent()
    {
        // Attack class: session cookies on plain http when the operator set an https address but no trusted proxy.
        await using var broker = new BrokerFactory(new Dictionary<string, string?> { ["Broker:PublicBaseUrl"] = "https://" + NginxProxy.HostName });
        var port = new Uri(broker.BaseUrl).Port;
        using var client = LoopbackClient.Create(LoopbackClient.Address(30), port);

        var responses = await ProxiedBroker.StartLoginAsync(client, $"http://{NginxProxy.HostName}:{port}");

        var cookies = responses.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var values) ? values : []).ToList();
        Assert.Equal(3, cookies.Count);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.All(responses, response => Assert.Equal("max-age=31536000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security"))));
    }

    [Fact]
    public async Task Hsts_RequestForLoopbackHost_NotSent()
    {
        // A developer's browser must keep plain http on localhost: HSTS pins a host name for every port.
        await using var broker = new BrokerFactory(new Dictionary<string, string?> { ["Broker:PublicBaseUrl"] = "https://localhost:5001" });
        using var http = new HttpClient();

        using var response = await http.GetAsync(broker.BaseUrl + "/health/live", TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
