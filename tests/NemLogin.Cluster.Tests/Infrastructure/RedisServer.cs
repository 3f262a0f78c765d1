namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A Redis 7 server of the tests' own on 127.0.0.1 and a free port. The append-only file is synced on every write, so a
/// restart keeps every acknowledged session (production runs AOF everysec plus a replica; see docs/reliability.md).
/// With a certificate the port speaks TLS only (Debian's redis-server is built with TLS); clients authenticate with the
/// password, not a certificate (<c>tls-auth-clients no</c>).
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private readonly string _folder;
    private readonly string? _password;
    private readonly StoreTls? _tls;
    private ChildProcess? _process;

    private RedisServer(string folder, int port, string? password, StoreTls? tls)
    {
        _folder = folder;
        Port = port;
        _password = password;
        _tls = tls;
    }

    public int Port { get; }

    /// <summary>What clients must send (requirepass), if anything.</summary>
    public string? Password => _password;

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=3000,asyncTimeout=3000"
        + (_password is null ? "" : $",password={_password}")
        + (_tls is null ? "" : ",ssl=true");

    /// <param name="password">What clients must send (requirepass); null: none.</param>
    /// <param name="tls">The server's certificate; null: plain TCP.</param>
    public static async Task<RedisServer> StartAsync(string? password = null, StoreTls? tls = null)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing; ./test.sh installs the Debian package redis-server.");
        }

        var folder = Directory.CreateTempSubdirectory("nemlogin-redis-").FullName;
        Watchdog.TrackFolder(folder);
        var server = new RedisServer(folder, FreePorts.Next(), password, tls);
        await server.StartServerAsync();
        return server;
    }

    public async Task StartServerAsync()
    {
        string[] authentication = _password is null ? [] : ["--requirepass", _password];
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] listen = _tls is null
            ? ["--port", port]
            : ["--port", "0", "--tls-port", port, "--tls-cert-file", _tls.Certificate.CertificatePath, "--tls-key-file", _tls.Certificate.KeyPath,
                "--tls-ca-cert-file", _tls.CaPath, "--tls-auth-clients", "no", "--tls-protocols", "TLSv1.3"];
        _process = ChildProcess.Start(Path.Combine(_folder, "redis.log"), new Dictionary<string, string>(), Binary,
            [.. listen, "--bind", "127.0.0.1",
            "--dir", _folder, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no", .. authentication]);
        await Readiness.WaitForTcpAsync(Port, TimeSpan.FromSeconds(20), () => _process.HasExited ? _process.LogTail() : null);
    }

    /// <summary>SIGTERM: Redis flushes its append-only file and exits; then the same server starts again on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopServerAsync();
        await StartServerAsync();
    }

    public async Task StopServerAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Signal(Signals.Terminate);
            if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(20)))
            {
                await process.KillAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
