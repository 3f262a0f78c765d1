using Npgsql;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL 15 server of the tests' own: Debian's binaries, a data folder in /tmp, 127.0.0.1 on a free port,
/// trust authentication (loopback only, throwaway data) unless a password is given, which TCP clients then must send
/// (SCRAM). With a certificate it speaks TLS only (<c>hostssl</c>), and clients verify it against the CA
/// (<c>SSL Mode=VerifyFull</c>). Stopped and removed on dispose.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private readonly string _folder;
    private readonly string? _password;
    private readonly StoreTls? _tls;

    private PostgresServer(string folder, int port, string? password, StoreTls? tls)
    {
        _folder = folder;
        Port = port;
        _password = password;
        _tls = tls;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_folder, "data");

    public string ConnectionString(string database = "nemlogin") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=10;Pooling=true"
        + (_password is null ? "" : $";Password={_password}")
        + (_tls is null ? "" : $";SSL Mode=VerifyFull;Root Certificate={_tls.CaPath}");

    /// <summary>The same server without TLS (to show it refuses that).</summary>
    public string PlainConnectionString() => ConnectionString().Split(";SSL Mode=")[0] + ";SSL Mode=Disable";

    /// <param name="password">The superuser's password; null: trust authentication.</param>
    /// <param name="tls">The server's certificate; null: plain TCP.</param>
    public static async Task<PostgresServer> StartAsync(string? password = null, StoreTls? tls = null)
    {
        if (!File.Exists(Path.Combine(Binaries, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Binaries}); ./test.sh installs the Debian package postgresql.");
        }

        var folder = Directory.CreateTempSubdirectory("nemlogin-pg-").FullName;
        Watchdog.TrackFolder(folder);
        var server = new PostgresServer(folder, FreePorts.Next(), password, tls);
        if (Environment.UserName == "root")
        {
            await ExternalCommand.RunAsync("chown", "postgres:postgres", folder);
        }

        Watchdog.TrackPostgres(server.DataDirectory);
        string[] authentication = ["--auth=trust"];
        var passwordFile = Path.Combine(folder, "superuser-password");
        if (password is not null)
        {
            await File.WriteAllTextAsync(passwordFile, password);
            authentication = ["--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile];
        }

        await ExternalCommand.RunAsPostgresAsync(Path.Combine(Binaries, "initdb"), ["-D", server.DataDirectory, "-U", "postgres",
            .. authentication, "--encoding=UTF8", "--no-instructions"]);
        File.Delete(passwordFile);
        if (tls is not null)
        {
            await server.RequireTlsAsync(tls);
        }

        await server.StartServerAsync();
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE nemlogin", connection);
            await create.ExecuteNonQueryAsync();
        }

        return server;
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected, committed data stays) and starts it again.</summary>
    public async Task RestartAsync()
    {
        await StopServerAsync();
        await StartServerAsync();
    }

    public Task StopServerAsync() =>
        ExternalCommand.RunAsPostgresAsync(Path.Combine(Binaries, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public Task StartServerAsync() =>
        ExternalCommand.RunAsPostgresAsync(Path.Combine(Binaries, "pg_ctl"), "-D", DataDirectory, "-w", "-t", "60",
            "-l", Path.Combine(_folder, "postgres.log"),
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_folder} -c max_connections=300"
                + (_tls is null ? "" : $" -c ssl=on -c ssl_cert_file={_folder}/server.crt -c ssl_key_file={_folder}/server.key -c ssl_min_protocol_version=TLSv1.3"),
            "start");

    /// <summary>
    /// The server's key is copied into the server's folder (PostgreSQL reads only a key its user owns, mode 600), and
    /// TCP clients must use TLS: every <c>host</c> line of pg_hba.conf becomes <c>hostssl</c>.
    /// </summary>
    private async Task RequireTlsAsync(StoreTls tls)
    {
        File.Copy(tls.Certificate.CertificatePath, Path.Combine(_folder, "server.crt"));
        File.Copy(tls.Certificate.KeyPath, Path.Combine(_folder, "server.key"));
        if (Environment.UserName == "root")
        {
            await ExternalCommand.RunAsync("chown", "postgres:postgres", Path.Combine(_folder, "server.crt"), Path.Combine(_folder, "server.key"));
        }

        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        var lines = (await File.ReadAllLinesAsync(hba)).Select(line => line.StartsWith("host ", StringComparison.Ordinal) ? "hostssl" + line[4..] : line);
        await File.WriteAllLinesAsync(hba, lines);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }
}
