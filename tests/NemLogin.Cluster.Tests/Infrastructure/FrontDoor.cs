using System.Globalization;
using System.Security.Cryptography;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// One IdP across both data centres, as scripts/cluster.sh runs it: HAProxy with deploy/haproxy.cfg on one public origin
/// in front of a gateway per data centre, both configured with that origin (one entityID, one metadata), trusting the
/// balancer's forwarded headers and sharing one MitID simulator key. These gateways stand beside the cluster's own
/// per-data-centre gateways, which the other tests keep using at their own origins.
/// </summary>
internal sealed class FrontDoor : IAsyncDisposable
{
    /// <summary>The balancer names the gateway that served an answer here (NEMLOGIN_LB_SERVED_BY).</summary>
    public const string ServedByHeader = "X-NemLogin-Served-By";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly List<HostNode> _gateways;

    private FrontDoor(string publicUrl, string statsUrl, ChildProcess balancer, List<HostNode> gateways)
    {
        PublicUrl = publicUrl;
        StatsUrl = statsUrl;
        Balancer = balancer;
        _gateways = gateways;
    }

    /// <summary>The one origin service providers and browsers use.</summary>
    public string PublicUrl { get; }

    /// <summary>The balancer's statistics page (CSV at <c>/;csv</c>).</summary>
    public string StatsUrl { get; }

    public ChildProcess Balancer { get; }

    public IReadOnlyList<HostNode> Gateways => _gateways;

    public HostNode Gateway(string dataCentre) => _gateways.Single(g => g.DataCentre == dataCentre);

    /// <summary>The balancer's name for a data centre's gateway (<c>server dc1</c> in deploy/haproxy.cfg).</summary>
    public static string ServerName(string dataCentre) => dataCentre.ToLowerInvariant();

    public static async Task<FrontDoor> StartAsync(ClusterUnderTest cluster)
    {
        var publicPort = FreePorts.Next();
        var statsPort = FreePorts.Next();
        var publicUrl = $"http://127.0.0.1:{publicPort}";
        var folder = Path.Combine(cluster.Folder, "front-door");
        Directory.CreateDirectory(folder);

        // The simulator stands in for the one MitID both data centres use: one issuer (the public origin), one key.
        var simulatorKey = Path.Combine(folder, "mitid-sim.key");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(simulatorKey, rsa.ExportRSAPrivateKeyPem());
        }

        var extra = new Dictionary<string, string>
        {
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["MitIdSimulator__KeyFile"] = simulatorKey,
        };
        // One data folder: the demo SP (one entityID under the one origin) keeps one key. DC1 makes it, DC2 then reads it.
        var data = Path.Combine(folder, "gateway-data");
        var gateways = new List<HostNode>
        {
            cluster.NewGateway("DC1", "front-gateway-dc1", publicUrl, data, extra),
            cluster.NewGateway("DC2", "front-gateway-dc2", publicUrl, data, extra),
        };

        var balancer = ChildProcess.Start(Path.Combine(cluster.Folder, "haproxy.log"), new Dictionary<string, string>
        {
            ["NEMLOGIN_LB_BIND"] = $"127.0.0.1:{publicPort}",
            ["NEMLOGIN_LB_STATS_BIND"] = $"127.0.0.1:{statsPort}",
            ["NEMLOGIN_LB_SERVED_BY"] = "1",
            ["NEMLOGIN_GATEWAY_DC1"] = $"127.0.0.1:{gateways[0].HttpPort}",
            ["NEMLOGIN_GATEWAY_DC2"] = $"127.0.0.1:{gateways[1].HttpPort}",
        }, "haproxy", "-db", "-f", BuiltHosts.HaproxyConfig);
        var door = new FrontDoor(publicUrl, $"http://127.0.0.1:{statsPort}", balancer, gateways);
        try
        {
            var timeout = TimeSpan.FromSeconds(90);
            foreach (var gateway in gateways)
            {
                await gateway.StartAndWaitReadyAsync(timeout);
            }

            foreach (var gateway in gateways)
            {
                await door.WaitForStatusAsync(gateway.DataCentre, "UP", timeout);
            }

            return door;
        }
        catch
        {
            await door.DisposeAsync();
            throw;
        }
    }

    /// <summary>The balancer's view of a data centre's gateway: UP, DOWN, or a transition (e.g. "DOWN 1/2").</summary>
    public Task<string> ServerStatusAsync(string dataCentre) => BalancerStatusAsync(Http, StatsUrl, "gateways", ServerName(dataCentre));

    /// <summary>A server's status in a backend of the balancer whose statistics page is <paramref name="statsUrl"/>.</summary>
    public static async Task<string> BalancerStatusAsync(HttpClient http, string statsUrl, string backend, string server)
    {
        var csv = await http.GetStringAsync(statsUrl + "/;csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var status = Array.IndexOf(header, "status");
        return lines.Skip(1).Select(l => l.Split(',')).Single(f => f[0] == backend && f[1] == server)[status];
    }

    /// <summary>Waits until the balancer shows <paramref name="status"/> for the data centre's gateway; false at the deadline.</summary>
    public async Task<bool> TryWaitForStatusAsync(string dataCentre, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ServerStatusAsync(dataCentre) != status)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public async Task WaitForStatusAsync(string dataCentre, string status, TimeSpan timeout)
    {
        if (!await TryWaitForStatusAsync(dataCentre, status, timeout))
        {
            var shown = await ServerStatusAsync(dataCentre);
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The balancer did not show {dataCentre}'s gateway {status} within {timeout}: {shown}; {Balancer.LogTail()}"));
        }
    }

    /// <summary>The data centre whose gateway served <paramref name="response"/> through the balancer.</summary>
    public static string? ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ServedByHeader, out var values) ? values.Single().ToUpperInvariant() : null;

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_gateways.Select(ClusterUnderTest.StopAsync));
        await Balancer.KillAsync();
    }
}
