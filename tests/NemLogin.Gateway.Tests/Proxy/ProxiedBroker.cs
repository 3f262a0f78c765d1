using System.Globalization;
using System.Net;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Proxy;

/// <summary>
/// The embedded broker trusting one proxy, 127.0.0.1 (where nginx connects from), with nginx in front terminating TLS.
/// Rate limits are small and apply to loopback: every simulated client here is a loopback address of its own.
/// No public base URL is configured, so whether a request counts as https is decided by the forwarded headers alone.
/// </summary>
public sealed class ProxiedBroker : IAsyncLifetime
{
    /// <summary>Requests an address may make at once; one more token per second.</summary>
    public const int Burst = 5;

    public ProxiedBroker()
    {
        Broker = new BrokerFactory(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["RateLimits:LimitLoopback"] = "true",
            ["RateLimits:PerAddressPerSecond"] = "1",
            ["RateLimits:PerAddressBurst"] = Burst.ToString(CultureInfo.InvariantCulture),
        });
    }

    public BrokerFactory Broker { get; }

    public NginxProxy Proxy { get; private set; } = null!;

    public int BrokerPort { get; private set; }

    /// <summary>The broker's own address under the proxy's host name, for clients that bypass the proxy.</summary>
    public string DirectBaseUrl => string.Create(CultureInfo.InvariantCulture, $"http://{NginxProxy.HostName}:{BrokerPort}");

    public async ValueTask InitializeAsync()
    {
        BrokerPort = new Uri(Broker.BaseUrl).Port;
        Proxy = await NginxProxy.StartAsync(BrokerPort);
    }

    /// <summary>A client at <paramref name="source"/> that goes through nginx over TLS.</summary>
    public HttpClient ViaProxy(IPAddress source) => LoopbackClient.Create(source, Proxy.Port, Proxy.CertificateSha256);

    /// <summary>A client at <paramref name="source"/> that talks to the broker directly, not through the configured proxy.</summary>
    public HttpClient Direct(IPAddress source) => LoopbackClient.Create(source, BrokerPort);

    /// <summary>
    /// The first three hops of a login at <paramref name="baseUrl"/>: the demo SP's login (its cookie), the broker's SSO
    /// endpoint (the broker's session cookie) and the simulator's login page (its browser cookie). Each hop's redirect is
    /// followed on the same base URL. <paramref name="headers"/> go with every request.
    /// </summary>
    public static async Task<IReadOnlyList<HttpResponseMessage>> StartLoginAsync(HttpClient client, string baseUrl, IReadOnlyDictionary<string, string>? headers = null)
    {
        var responses = new List<HttpResponseMessage>();
        var next = baseUrl + "/demo-sp/login";
        for (var hop = 0; hop < 3; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            responses.Add(response);
            if (response.Headers.Location is { } location)
            {
                next = baseUrl + (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
            }
        }

        return responses;
    }

    public async ValueTask DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        await Broker.DisposeAsync();
    }
}
