using System.Net;
using StackExchange.Redis;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// Redis as cluster mode runs it across two data centres: a master ("DC1"), a replica ("DC2") and three Sentinels that
/// promote the replica when the master dies, all on 127.0.0.1, TLS only, one password for servers and Sentinels alike
/// (Sentinels also speak TLS to the servers and to each other: <c>tls-replication yes</c>). Clients reach the master
/// through the Sentinels (<see cref="Configuration"/>, <c>serviceName=</c>).
/// </summary>
internal sealed class RedisSentinelSet : IAsyncDisposable
{
    public const string ServiceName = "nemlogin";
    private const string Binary = "/usr/bin/redis-server";
    private const string SentinelBinary = "/usr/bin/redis-sentinel";
    private readonly string _folder;
    private readonly string _password;
    private readonly StoreTls _tls;
    private readonly Dictionary<int, ChildProcess> _processes = [];

    private RedisSentinelSet(string folder, string password, StoreTls tls)
    {
        _folder = folder;
        _password = password;
        _tls = tls;
    }

    /// <summary>The ports of the two data servers: the first master at start, then the first replica.</summary>
    public int[] ServerPorts { get; } = [FreePorts.Next(), FreePorts.Next()];

    public int[] SentinelPorts { get; } = [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()];

    /// <summary>What silos and gateways are given: the Sentinels and the service, not a server.</summary>
    public string Configuration => string.Join(',', SentinelPorts.Select(p => $"127.0.0.1:{p}"))
        + $",serviceName={ServiceName},password={_password},ssl=true,abortConnect=false,connectTimeout=2000,syncTimeout=3000,asyncTimeout=3000";

    public static async Task<RedisSentinelSet> StartAsync(string password, StoreTls tls)
    {
        foreach (var binary in new[] { Binary, SentinelBinary })
        {
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"{binary} is missing; ./test.sh installs the Debian packages redis-server and redis-sentinel.");
            }
        }

        var folder = Directory.CreateTempSubdirectory("nemlogin-sentinel-").FullName;
        Watchdog.TrackFolder(folder);
        var set = new RedisSentinelSet(folder, password, tls);
        await set.StartServerAsync(set.ServerPorts[0], replicaOf: null);
        await set.StartServerAsync(set.ServerPorts[1], replicaOf: set.ServerPorts[0]);
        foreach (var port in set.SentinelPorts)
        {
            await set.StartSentinelAsync(port);
        }

        return set;
    }

    /// <summary>Starts (again) the data server on <paramref name="port"/> from its configuration file.</summary>
    public async Task StartServerAsync(int port, int? replicaOf)
    {
        var configuration = Path.Combine(_folder, $"redis-{port}.conf");
        if (!File.Exists(configuration))
        {
            var data = Directory.CreateDirectory(Path.Combine(_folder, $"data-{port}")).FullName;
            // masterauth on both: the master becomes a replica when it returns after a failover.
            await File.WriteAllTextAsync(configuration, Tls(port) + $"""
                dir {data}
                appendonly yes
                appendfsync everysec
                save ""
                requirepass {_password}
                masterauth {_password}
                tls-replication yes
                {(replicaOf is { } master ? $"replicaof 127.0.0.1 {master}" : "")}
                """);
        }

        await StartAsync(port, Binary, configuration);
    }

    private async Task StartSentinelAsync(int port)
    {
        var configuration = Path.Combine(_folder, $"sentinel-{port}.conf");
        // down-after 2 s: the master is subjectively down after 2 s of silence, objectively when 2 of 3 Sentinels agree.
        await File.WriteAllTextAsync(configuration, Tls(port) + $"""
            dir {_folder}
            requirepass {_password}
            tls-replication yes
            sentinel monitor {ServiceName} 127.0.0.1 {ServerPorts[0]} 2
            sentinel auth-pass {ServiceName} {_password}
            sentinel sentinel-pass {_password}
            sentinel down-after-milliseconds {ServiceName} 2000
            sentinel failover-timeout {ServiceName} 20000
            """);
        await StartAsync(port, SentinelBinary, configuration);
    }

    private string Tls(int port) => $"""
        port 0
        tls-port {port}
        bind 127.0.0.1
        tls-cert-file {_tls.Certificate.CertificatePath}
        tls-key-file {_tls.Certificate.KeyPath}
        tls-ca-cert-file {_tls.CaPath}
        tls-auth-clients no
        tls-protocols "TLSv1.3"
        daemonize no

        """;

    private async Task StartAsync(int port, string binary, string configuration)
    {
        var process = ChildProcess.Start(Path.Combine(_folder, $"{Path.GetFileNameWithoutExtension(configuration)}.log"),
            new Dictionary<string, string>(), binary, configuration);
        _processes[port] = process;
        await Readiness.WaitForTcpAsync(port, TimeSpan.FromSeconds(20), () => process.HasExited ? process.LogTail() : null);
    }

    /// <summary>A signal to the server or Sentinel on <paramref name="port"/> (SIGSTOP: a site that stops answering).</summary>
    public void Signal(int port, int signal) => _processes[port].Signal(signal);

    /// <summary>kill -9 of the data server on <paramref name="port"/>.</summary>
    public Task KillAsync(int port) => _processes[port].KillAsync();

    /// <summary>A direct connection to one server (not through Sentinel), for the test's own checks.</summary>
    public Task<ConnectionMultiplexer> ConnectServerAsync(int port) => ConnectionMultiplexer.ConnectAsync(Direct(port));

    private ConfigurationOptions Direct(int port)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { new IPEndPoint(IPAddress.Loopback, port) },
            Password = _password,
            Ssl = true,
            AbortOnConnectFail = false,
            ConnectTimeout = 2000,
            AllowAdmin = true,
        };
        options.TrustIssuer(_tls.CaPath);
        return options;
    }

    /// <summary>The master port the Sentinel on <paramref name="sentinelPort"/> names now, or null.</summary>
    public async Task<int?> MasterNamedByAsync(int sentinelPort)
    {
        await using var sentinel = await ConnectionMultiplexer.SentinelConnectAsync(Direct(sentinelPort));
        try
        {
            var master = await sentinel.GetServer("127.0.0.1", sentinelPort).SentinelGetMasterAddressByNameAsync(ServiceName);
            return (master as IPEndPoint)?.Port;
        }
        catch (RedisException)
        {
            return null;
        }
    }

    /// <summary>The server's ROLE reply: its role and, for a master, how many replicas are attached.</summary>
    public async Task<(string Role, int Replicas)> RoleAsync(int port)
    {
        await using var server = await ConnectServerAsync(port);
        var reply = (RedisResult[])(await server.GetDatabase().ExecuteAsync("ROLE"))!;
        var role = (string)reply[0]!;
        return (role, role == "master" ? ((RedisResult[])reply[2]!).Length : 0);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Values)
        {
            await process.KillAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
