using System.Globalization;
using NemLogin.ClusterTls;
using NemLogin.Silo.Database;
using Xunit;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// The whole cluster as processes, started once for the collection: PostgreSQL, Redis, silos DC1-a, DC1-b, DC2-a,
/// DC2-b and one gateway per data centre, plus a test client entering through each data centre. The silos sign in a
/// SoftHSM2 token whose keys the silo's own <c>keys</c> verb created. Every Orleans connection is mutual TLS with
/// certificates from a cluster CA the silo's <c>certs</c> verb made; PostgreSQL and Redis demand passwords and speak TLS
/// only. Failure detection is shortened (see <see cref="MembershipForTests"/>) so faults are noticed in seconds.
/// Another <see cref="ClusterShape"/> starts a smaller cluster for a fixture of its own.
/// </summary>
public sealed class ClusterUnderTest : IAsyncLifetime
{
    private readonly ClusterShape _shape;

    public ClusterUnderTest()
        : this(ClusterShape.Full)
    {
    }

    internal ClusterUnderTest(ClusterShape shape) => _shape = shape;

    public const string ServiceId = "nemlogin-test";
    public const string AdminPassword = "cluster-test-admin";

    /// <summary>The gateways' admin API key (at least 32 characters).</summary>
    public const string AdminApiKey = "cluster-test-admin-api-key-0123456789abcdef";

    /// <summary>Failure detection for tests: a silo is declared dead after ~4-6 s instead of ~30-60 s (docs/reliability.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> MembershipForTests = new Dictionary<string, string>
    {
        ["Orleans__Membership__ProbeTimeout"] = "00:00:02",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "2",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:03",
        ["Orleans__Membership__DeathVoteExpirationTimeout"] = "00:00:20",
    };

    private readonly List<HostNode> _silos = [];
    private readonly List<HostNode> _gateways = [];
    private string _folder = "";

    /// <summary>The one PostgreSQL server (not in a shape with <see cref="ClusterShape.FailoverDatabase"/>).</summary>
    internal PostgresServer Postgres { get; private set; } = null!;

    /// <summary>Primary, standby and monitor of pg_auto_failover (only in a shape with <see cref="ClusterShape.FailoverDatabase"/>).</summary>
    internal AutoFailoverFormation? Formation { get; private set; }

    /// <summary>What every node and test connects to PostgreSQL with (a multi-host string with a formation).</summary>
    internal string DatabaseConnectionString => Formation?.ConnectionString() ?? Postgres.ConnectionString();

    /// <summary>The cluster CA and every node's certificate.</summary>
    internal ClusterPki Pki { get; private set; } = null!;

    /// <summary>The certificate (gateway role) of the tests' own Orleans clients.</summary>
    internal ClusterCertificates ClientCertificates { get; private set; } = null!;

    internal RedisServer Redis { get; private set; } = null!;

    /// <summary>The certificate both gateways encrypt their shared data-protection keys to.</summary>
    internal NodeCertificate KeyRing { get; private set; } = null!;

    internal IReadOnlyList<HostNode> Silos => _silos;

    internal IReadOnlyList<HostNode> Gateways => _gateways;

    internal DataCentreClient Dc1 { get; private set; } = null!;

    internal DataCentreClient Dc2 { get; private set; } = null!;

    internal ClusterTestSp Sp { get; } = new();

    /// <summary>Each data centre's own SoftHSM2 token (its own folder and keys): DC1's silos sign with one, DC2's with the other.</summary>
    internal IReadOnlyDictionary<string, SoftHsmToken> Hsms { get; } = new Dictionary<string, SoftHsmToken>
    {
        ["DC1"] = new(site: "DC1"),
        ["DC2"] = new(site: "DC2"),
    };

    /// <summary>Where every node exports its traces (only traces a caller sampled: Telemetry:TraceSampleRatio is 0).</summary>
    internal OtlpReceiver Telemetry { get; } = new();

    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    internal string Folder => _folder;

    internal HostNode Gateway(string dataCentre) => _gateways.Single(g => g.DataCentre == dataCentre);

    internal IEnumerable<HostNode> SilosOf(string dataCentre) => _silos.Where(s => s.DataCentre == dataCentre);

    internal DataCentreClient Client(string dataCentre) => dataCentre == "DC1" ? Dc1 : Dc2;

    public async ValueTask InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("nemlogin-cluster-").FullName;
        Watchdog.TrackFolder(_folder);
        // Keys protected by file mode alone, as a production node may keep them: restarts in the fault tests stay lean
        // (SecretsInLogsTests runs a silo and a gateway whose keys are encrypted).
        Pki = ClusterPki.Create(_folder);
        var stores = new StoreTls(Pki.Issue("store", "stores"), Pki.CaPath);
        ClientCertificates = Pki.Load(Pki.Issue("gateway", "test-client"), ClusterRole.Gateway);
        if (_shape.FailoverDatabase)
        {
            Formation = await AutoFailoverFormation.StartAsync(Secret(), stores);
        }
        else
        {
            Postgres = await PostgresServer.StartAsync(Secret(), stores);
        }

        Redis = await RedisServer.StartAsync(Secret(), stores);
        await DatabaseMigrator.MigrateAsync(DatabaseConnectionString, CancellationToken.None);
        foreach (var hsm in Hsms.Values)
        {
            await hsm.PrepareAsync(_folder);
        }

        Sp.WriteMetadata(Path.Combine(_folder, "sp"));
        KeyRing = Pki.Issue("keyring", "key-ring");

        foreach (var (dc, letter) in _shape.Silos)
        {
            _silos.Add(NewSilo(dc, letter));
        }

        foreach (var dc in _shape.Gateways ? new[] { "DC1", "DC2" } : [])
        {
            _gateways.Add(NewGateway(dc));
        }

        var timeout = TimeSpan.FromSeconds(90);
        await Task.WhenAll(_silos.Select(s => s.StartAndWaitReadyAsync(timeout)));
        await Task.WhenAll(_gateways.Select(g => g.StartAndWaitReadyAsync(timeout)));
        Dc1 = await ConnectClientAsync("DC1", SilosOf("DC1").Select(GatewayPort));
        Dc2 = await ConnectClientAsync("DC2", SilosOf("DC2").Select(GatewayPort));
    }

    /// <summary>A test client stamped with <paramref name="dataCentre"/>, entering through <paramref name="gatewayPorts"/>.</summary>
    internal Task<DataCentreClient> ConnectClientAsync(string dataCentre, IEnumerable<int> gatewayPorts) =>
        DataCentreClient.ConnectAsync(dataCentre, ClusterId, ServiceId, gatewayPorts, ClientCertificates);

    private static string Secret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public async ValueTask DisposeAsync()
    {
        if (Dc1 is not null)
        {
            await Dc1.DisposeAsync();
        }

        if (Dc2 is not null)
        {
            await Dc2.DisposeAsync();
        }

        if (_frontDoor is not null)
        {
            await _frontDoor.DisposeAsync();
        }

        // Gateways first, then silos (orderly, so the cluster says goodbye), then the stores.
        await Task.WhenAll(_gateways.Concat(_silos).Select(StopAsync));
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        if (Formation is not null)
        {
            await Formation.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        await Telemetry.DisposeAsync();
        Watchdog.Forget();
    }

    /// <summary>The membership status (Orleans SiloStatus: 3 Active, 6 Dead) of the silo's newest incarnation.</summary>
    internal Task<int?> MemberStatusAsync(HostNode silo) => MemberStatusAsync(_siloPorts[silo]);

    /// <summary>The membership status of the newest silo that registered with <paramref name="siloPort"/>, or null.</summary>
    internal async Task<int?> MemberStatusAsync(int siloPort)
    {
        // Unpooled: the PostgreSQL restart fault breaks pooled connections.
        await using var connection = new Npgsql.NpgsqlConnection(DatabaseConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT status FROM nemlogin_cluster_member WHERE deployment_id = @c AND port = @p ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("c", ClusterId);
        command.Parameters.AddWithValue("p", siloPort);
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    private readonly Dictionary<HostNode, int> _siloPorts = [];

    /// <summary>The data centre of the silo listening on <paramref name="siloPort"/>, or null.</summary>
    internal string? DataCentreOfSiloPort(int siloPort) =>
        _siloPorts.Where(kv => kv.Value == siloPort).Select(kv => kv.Key.DataCentre).FirstOrDefault();

    internal static async Task StopAsync(HostNode node)
    {
        if (node.Process is { HasExited: false } process)
        {
            process.Signal(Signals.Terminate);
            if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(15)))
            {
                await process.KillAsync();
            }
        }
    }

    private readonly Dictionary<HostNode, int> _gatewayPorts = [];

    /// <summary>The Orleans gateway ports of a data centre's silos.</summary>
    internal IEnumerable<int> GatewayPortsOf(string dataCentre) => SilosOf(dataCentre).Select(GatewayPort);

    /// <summary>The silo-to-silo port of <paramref name="silo"/>.</summary>
    internal int SiloPort(HostNode silo) => _siloPorts[silo];

    /// <summary>The Orleans gateway port of <paramref name="silo"/>.</summary>
    internal int GatewayPort(HostNode silo) => _gatewayPorts[silo];

    /// <summary>Settings every node shares; <paramref name="name"/> gets its own certificate of <paramref name="role"/>.</summary>
    internal Dictionary<string, string> Common(string dataCentre, string name, string role)
    {
        var environment = CommonWithoutTls(dataCentre);
        foreach (var (key, value) in Pki.Environment(Pki.Issue(role, name)))
        {
            environment[key] = value;
        }

        return environment;
    }

    private Dictionary<string, string> CommonWithoutTls(string dataCentre) => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ServiceId,
        ["DataCenter__Name"] = dataCentre,
        ["ConnectionStrings__Orleans"] = DatabaseConnectionString,
        ["ConnectionStrings__Redis"] = Redis.Configuration,
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        ["Telemetry__TraceSampleRatio"] = "0",
    };

    private HostNode NewSilo(string dataCentre, string letter)
    {
        var http = FreePorts.Next();
        var name = $"silo-{dataCentre.ToLowerInvariant()}-{letter}";
        var environment = SiloEnvironment(dataCentre, name);
        environment["Urls"] = $"http://127.0.0.1:{http}";
        var siloPort = FreePorts.Next();
        environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        var gatewayPort = FreePorts.Next();
        environment["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        environment["Orleans__AdvertisedAddress"] = "127.0.0.1";
        var node = new HostNode(name, dataCentre, BuiltHosts.Silo, http, environment, _folder);
        _gatewayPorts[node] = gatewayPort;
        _siloPorts[node] = siloPort;
        return node;
    }

    /// <summary>
    /// A silo's settings apart from its ports: its own certificate (<paramref name="name"/>, silo role) unless
    /// <paramref name="tls"/> replaces the ClusterTls settings, the HSM, the dashboard, failure detection for tests.
    /// </summary>
    internal Dictionary<string, string> SiloEnvironment(string dataCentre, string name, IReadOnlyDictionary<string, string>? tls = null)
    {
        var environment = tls is null ? Common(dataCentre, name, "silo") : CommonWithoutTls(dataCentre);
        foreach (var (key, value) in tls ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in Hsms[dataCentre].SiloEnvironment)
        {
            environment[key] = value;
        }

        environment["Management__AdminPassword"] = AdminPassword;
        environment["Management__ShutdownTimeout"] = "00:00:10";
        foreach (var (key, value) in MembershipForTests)
        {
            environment[key] = value;
        }

        return environment;
    }

    private HostNode NewGateway(string dataCentre) =>
        NewGateway(dataCentre, $"gateway-{dataCentre.ToLowerInvariant()}", publicBaseUrl: null, Path.Combine(_folder, "gateway-" + dataCentre), new Dictionary<string, string>());

    /// <summary>
    /// A development gateway of <paramref name="dataCentre"/> on a port of its own, presenting <paramref name="publicBaseUrl"/>
    /// (null: its own address) as the broker's origin, with <paramref name="extra"/> settings on top.
    /// </summary>
    internal HostNode NewGateway(string dataCentre, string name, string? publicBaseUrl, string dataDirectory, IReadOnlyDictionary<string, string> extra)
    {
        var http = FreePorts.Next();
        var environment = Common(dataCentre, name, "gateway");
        var baseUrl = $"http://127.0.0.1:{http}";
        environment["Urls"] = baseUrl;
        environment["Broker__PublicBaseUrl"] = publicBaseUrl ?? baseUrl;
        environment["Broker__DataDirectory"] = dataDirectory;
        // The tests log in through the demo parts (MitID simulator, demo SP) of the development cluster gateway, which
        // refuses to start outside Development.
        // The silos stay in Production: they sign in the HSM as a production cluster does.
        environment["DOTNET_ENVIRONMENT"] = "Development";
        environment["Admin__ApiKey"] = AdminApiKey;
        environment["ServiceProviders__MetadataDirectory"] = Path.Combine(_folder, "sp");
        environment["Orleans__Gateway__GatewayListRefreshPeriod"] = "00:00:02";
        environment["Orleans__Messaging__ResponseTimeout"] = "00:00:05";
        foreach (var (key, value) in ClusterPki.KeyRingEnvironment(KeyRing).Concat(extra))
        {
            environment[key] = value;
        }

        return new HostNode(name, dataCentre, BuiltHosts.DemoGateway, http, environment, _folder);
    }

    private readonly SemaphoreSlim _frontDoorGate = new(1, 1);
    private FrontDoor? _frontDoor;

    /// <summary>
    /// The balancer and its two gateways (one origin for both data centres), started on the first call: only the tests of
    /// the one-IdP topology pay for them.
    /// </summary>
    internal async Task<FrontDoor> FrontDoorAsync()
    {
        await _frontDoorGate.WaitAsync();
        try
        {
            return _frontDoor ??= await FrontDoor.StartAsync(this);
        }
        finally
        {
            _frontDoorGate.Release();
        }
    }
}
