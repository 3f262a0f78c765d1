using Npgsql;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL 15 server of the tests' own: Debian's binaries, a data folder in /tmp, 127.0.0.1 on a free port,
/// trust authentication (loopback only, throwaway data) unless a password is given, which TCP clients then must send
/// (SCRAM). Stopped and removed on dispose.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private readonly string _folder;
    private readonly string? _password;

    private PostgresServer(string folder, int port, string? password)
    {
        _folder = folder;
        Port = port;
        _password = password;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_folder, "data");

    public string ConnectionString(string database = "nemlogin") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=10;Pooling=true"
        + (_password is null ? "" : $";Password={_password}");

    /// <param name="password">The superuser's password; null: trust authentication.</param>
    public static async Task<PostgresServer> StartAsync(string? password = null)
    {
        if (!File.Exists(Path.Combine(Binaries, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Binaries}); ./test.sh installs the Debian package postgresql.");
        }

        var folder = Directory.CreateTempSubdirectory("nemlogin-pg-").FullName;
        Watchdog.TrackFolder(folder);
        var server = new PostgresServer(folder, FreePorts.Next(), password);
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
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_folder} -c max_connections=300",
            "start");

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
