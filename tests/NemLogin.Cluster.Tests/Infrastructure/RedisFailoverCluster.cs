using System.Globalization;
using NemLogin.ClusterTls;
using NemLogin.Silo.Database;
using Xunit;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A small cluster of its own for killing the Redis master without disturbing <see cref="ClusterUnderTest"/>: PostgreSQL,
/// Redis master, replica and three Sentinels (<see cref="RedisSentinelSet"/>), one silo per data centre, the DC1
/// gateway and a test client per data centre. Every Redis client (silos' session and login-flow stores, the gateway's
/// key ring) is given the Sentinels, never a server.
/// </summary>
public sealed class RedisFailoverCluster : IAsyncLifetime
{
    private const string ServiceId = "nemlogin-sentinel-test";
    private readonly List<HostNode> _silos = [];
    private readonly Dictionary<string, int> _gatewayPorts = [];
    private string _folder = "";
    private ClusterPki _pki = null!;
    private PostgresServer _postgres = null!;

    public string ClusterId { get; } = "sentinel-" + Guid.NewGuid().ToString("N")[..8];

    internal RedisSentinelSet Redis { get; private set; } = null!;

    internal HostNode Gateway { get; private set; } = null!;

    internal IReadOnlyList<HostNode> Silos => _silos;

    internal DataCentreClient Dc1 { get; private set; } = null!;

    internal DataCentreClient Dc2 { get; private set; } = null!;

    internal SoftHsmToken Hsm { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("nemlogin-sentinel-cluster-").FullName;
        Watchdog.TrackFolder(_folder);
        _pki = ClusterPki.Create(_folder);
        var stores = new StoreTls(_pki.Issue("store", "stores"), _pki.CaPath);
        _postgres = await PostgresServer.StartAsync(Secret(), stores);
        Redis = await RedisSentinelSet.StartAsync(Secret(), stores);
        await DatabaseMigrator.MigrateAsync(_postgres.ConnectionString(), CancellationToken.None);
        await Hsm.PrepareAsync(_folder);
        foreach (var dc in new[] { "DC1", "DC2" })
        {
            _silos.Add(NewSilo(dc));
        }

        var timeout = TimeSpan.FromSeconds(90);
        await Task.WhenAll(_silos.Select(s => s.StartAndWaitReadyAsync(timeout)));
        Gateway = NewGateway();
        await Gateway.StartAndWaitReadyAsync(timeout);
        var client = _pki.Load(_pki.Issue("gateway", "test-client"), ClusterRole.Gateway);
        Dc1 = await DataCentreClient.ConnectAsync("DC1", ClusterId, ServiceId, [_gatewayPorts["DC1"]], client);
        Dc2 = await DataCentreClient.ConnectAsync("DC2", ClusterId, ServiceId, [_gatewayPorts["DC2"]], client);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { Dc1, Dc2 })
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }

        foreach (var node in _silos.Append(Gateway))
        {
            await (node?.KillAsync() ?? Task.CompletedTask);
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static string Secret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private Dictionary<string, string> Common(string dataCentre, string name, string role)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ServiceId,
            ["DataCenter__Name"] = dataCentre,
            ["ConnectionStrings__Orleans"] = _postgres.ConnectionString(),
            ["ConnectionStrings__Redis"] = Redis.Configuration,
        };
        foreach (var (key, value) in _pki.Environment(_pki.Issue(role, name)))
        {
            environment[key] = value;
        }

        return environment;
    }

    private HostNode NewSilo(string dataCentre)
    {
        var name = $"silo-{dataCentre.ToLowerInvariant()}";
        var environment = Common(dataCentre, name, "silo");
        foreach (var (key, value) in Hsm.SiloEnvironment.Concat(ClusterUnderTest.MembershipForTests))
        {
            environment[key] = value;
        }

        var http = FreePorts.Next();
        environment["Urls"] = $"http://127.0.0.1:{http}";
        environment["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        _gatewayPorts[dataCentre] = FreePorts.Next();
        environment["Orleans__GatewayPort"] = _gatewayPorts[dataCentre].ToString(CultureInfo.InvariantCulture);
        environment["Orleans__AdvertisedAddress"] = "127.0.0.1";
        environment["Management__ShutdownTimeout"] = "00:00:10";
        return new HostNode(name, dataCentre, BuiltHosts.Silo, http, environment, _folder);
    }

    private HostNode NewGateway()
    {
        var http = FreePorts.Next();
        var environment = Common("DC1", "gateway-dc1", "gateway");
        environment["Urls"] = $"http://127.0.0.1:{http}";
        environment["Broker__PublicBaseUrl"] = $"http://127.0.0.1:{http}";
        environment["Broker__DataDirectory"] = Path.Combine(_folder, "gateway-dc1");
        // The development cluster gateway (demo parts) refuses to start outside Development.
        environment["DOTNET_ENVIRONMENT"] = "Development";
        return new HostNode("gateway-dc1", "DC1", BuiltHosts.DemoGateway, http, environment, _folder);
    }
}
