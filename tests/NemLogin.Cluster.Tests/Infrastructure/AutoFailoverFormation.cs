using System.Globalization;
using Npgsql;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// PostgreSQL 15 with automatic failover by pg_auto_failover (Debian's postgresql-15-auto-failover): a monitor and two
/// nodes, each run by its <c>pg_autoctl</c> keeper, all on 127.0.0.1 with TLS (the cluster CA's store certificate).
/// Node "dc1" is created first and becomes the primary; "dc2" follows it as a synchronous standby
/// (<c>synchronous_standby_names = ANY 1 (…)</c>: a commit returns only once the standby has it). Applications reach
/// whichever node is primary through a multi-host connection string with <c>Target Session Attributes=primary</c>
/// and a password (SCRAM); pg_auto_failover's own connections (monitor, replication) use trust on loopback.
/// </summary>
internal sealed class AutoFailoverFormation : IAsyncDisposable
{
    private const string PgCtl = "/usr/lib/postgresql/15/bin/pg_ctl";
    private const string AutoCtl = "/usr/bin/pg_autoctl";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The monitor's failure detection, shortened for tests (defaults: checks every 5 s, unhealthy after 20 s, the old
    /// primary given 30 s to demote itself). The demote timeout must stay above the keepers' network partition timeout:
    /// a primary cut off from monitor and standby demotes itself before the standby is allowed to take writes.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> MonitorSettings = new Dictionary<string, string>
    {
        ["pgautofailover.health_check_period"] = "1000",
        ["pgautofailover.health_check_timeout"] = "1000",
        ["pgautofailover.health_check_max_retries"] = "1",
        ["pgautofailover.health_check_retry_delay"] = "500",
        ["pgautofailover.node_considered_unhealthy_timeout"] = "5000",
        ["pgautofailover.primary_demote_timeout"] = "8000",
    };

    private const string NetworkPartitionTimeoutSeconds = "5";

    private readonly string _folder;
    private readonly string _password;
    private readonly Dictionary<string, ChildProcess> _keepers = [];

    private AutoFailoverFormation(string folder, string password)
    {
        _folder = folder;
        _password = password;
    }

    public int MonitorPort { get; } = FreePorts.Next();

    /// <summary>The nodes by name, in the order they joined: dc1 (DC1, the first primary), dc2 (DC2).</summary>
    public IReadOnlyDictionary<string, int> NodePorts { get; } = new Dictionary<string, int> { ["dc1"] = FreePorts.Next(), ["dc2"] = FreePorts.Next() };

    private string CaPath => Path.Combine(_folder, "ca.crt");

    /// <summary>Every node, primary first or not: Npgsql tries them in order and keeps the one that is primary.</summary>
    public string ConnectionString(string database = "nemlogin") =>
        "Host=" + string.Join(',', NodePorts.Values.Select(port => $"127.0.0.1:{port}"))
        + $";Username=postgres;Password={_password};Database={database};Target Session Attributes=primary;Host Recheck Seconds=1"
        + $";Timeout=5;Command Timeout=10;Pooling=true;SSL Mode=VerifyFull;Root Certificate={CaPath}";

    /// <summary>One node alone (reads after a failover, whichever role it has now).</summary>
    public string NodeConnectionString(string node) =>
        $"Host=127.0.0.1;Port={NodePorts[node]};Username=postgres;Password={_password};Database=nemlogin;Timeout=5;Command Timeout=10;Pooling=false"
        + $";SSL Mode=VerifyFull;Root Certificate={CaPath}";

    public static async Task<AutoFailoverFormation> StartAsync(string password, StoreTls tls)
    {
        if (!File.Exists(AutoCtl))
        {
            throw new InvalidOperationException($"pg_auto_failover is not installed ({AutoCtl}); ./test.sh installs the Debian package postgresql-15-auto-failover.");
        }

        var folder = Directory.CreateTempSubdirectory("nemlogin-pgaf-").FullName;
        Watchdog.TrackFolder(folder);
        var formation = new AutoFailoverFormation(folder, password);
        File.Copy(tls.CaPath, formation.CaPath);
        File.Copy(tls.Certificate.CertificatePath, Path.Combine(folder, "server.crt"));
        File.Copy(tls.Certificate.KeyPath, Path.Combine(folder, "server.key"));
        await ExternalCommand.RunAsync("chmod", "600", Path.Combine(folder, "server.key"));
        if (Environment.UserName == "root")
        {
            await ExternalCommand.RunAsync("chown", "-R", "postgres:postgres", folder);
        }

        try
        {
            await formation.StartMonitorAsync();
            await formation.StartNodeAsync("dc1");
            await formation.WaitForStatesAsync(("dc1", "single"));
            await formation.ShortenPartitionTimeoutAsync("dc1");
            await formation.RequirePasswordAsync();
            await formation.StartNodeAsync("dc2");
            await formation.WaitForStandbyAsync();
            await formation.ShortenPartitionTimeoutAsync("dc2");
        }
        catch
        {
            await formation.DisposeAsync();
            throw;
        }

        return formation;
    }

    /// <summary>The state each node last reported to the monitor and the state the monitor assigned it.</summary>
    public async Task<IReadOnlyDictionary<string, (string Reported, string Assigned)>> StatesAsync()
    {
        await using var connection = new NpgsqlConnection(MonitorConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT nodename, reportedstate::text, goalstate::text FROM pgautofailover.node", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, (string, string)>();
        while (await reader.ReadAsync())
        {
            states[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return states;
    }

    /// <summary>How the primary <paramref name="node"/> sees its standbys (<c>pg_stat_replication.sync_state</c>: quorum, sync, async).</summary>
    public async Task<IReadOnlyList<string>> StandbySyncStatesAsync(string node)
    {
        await using var connection = new NpgsqlConnection(NodeConnectionString(node));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sync_state FROM pg_stat_replication", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new List<string>();
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0));
        }

        return states;
    }

    /// <summary>
    /// kill -9 of a node as a machine dies: its keeper, the keeper's services and PostgreSQL with every backend, at
    /// once (nothing is left to restart anything).
    /// </summary>
    public void KillNode(string node) => ProcessTree.KillAll(ProcessTree.Of(_keepers[node].Pid).Concat(PostmasterPid(node) is { } pid ? [pid] : []));

    /// <summary>Starts a killed node's keeper again: pg_auto_failover rewinds it and lets it follow the new primary.</summary>
    public void RestartNode(string node) => _keepers[node] = Keeper(node, ["run", "--pgdata", DataDirectory(node)]);

    /// <summary>Waits until every named node has reported the named state and been assigned it.</summary>
    public async Task WaitForStatesAsync(params (string Node, string State)[] wanted)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var states = await TryStatesAsync();
            if (wanted.All(w => states.TryGetValue(w.Node, out var s) && s.Reported == w.State && s.Assigned == w.State))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"pg_auto_failover nodes did not reach {string.Join(", ", wanted)}; they are {string.Join(", ", states)}.\n{LogTails()}");
            }

            await Task.Delay(250);
        }
    }

    private async Task StartMonitorAsync()
    {
        _keepers["monitor"] = Keeper("monitor", ["create", "monitor", "--pgctl", PgCtl, "--pgdata", DataDirectory("monitor"),
            "--pgport", MonitorPort.ToString(CultureInfo.InvariantCulture), "--hostname", "127.0.0.1", "--auth", "trust",
            .. TlsArguments(), "--run"]);
        Watchdog.TrackPostgres(DataDirectory("monitor"));
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(MonitorConnectionString());
                await connection.OpenAsync();
                await using var extension = new NpgsqlCommand("SELECT 1 FROM pg_extension WHERE extname = 'pgautofailover'", connection);
                if (await extension.ExecuteScalarAsync() is not null)
                {
                    foreach (var (name, value) in MonitorSettings)
                    {
                        await using var set = new NpgsqlCommand($"ALTER SYSTEM SET {name} = {value}", connection);
                        await set.ExecuteNonQueryAsync();
                    }

                    await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
                    await reload.ExecuteNonQueryAsync();
                    return;
                }
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                // Still starting.
            }

            Require(DateTime.UtcNow < deadline, "the pg_auto_failover monitor did not start");
            await Task.Delay(250);
        }
    }

    private async Task StartNodeAsync(string node)
    {
        _keepers[node] = Keeper(node, ["create", "postgres", "--pgctl", PgCtl, "--pgdata", DataDirectory(node),
            "--pgport", NodePorts[node].ToString(CultureInfo.InvariantCulture), "--listen", "127.0.0.1", "--hostname", "127.0.0.1",
            "--pghost", _folder, "--name", node, "--dbname", "nemlogin", "--auth", "trust", "--monitor", MonitorUri(), .. TlsArguments(), "--run"]);
        Watchdog.TrackPostgres(DataDirectory(node));
    }

    /// <summary>
    /// A keeper cut off from both monitor and standby demotes its primary after this many seconds. Set once the node is
    /// up: the keeper reloads its configuration on the change, which would interrupt its initdb or base backup.
    /// </summary>
    // The running keeper rewrites its configuration file now and then (not atomically), and a `config set` that reads it
    // meanwhile finds it half written ("Failed to find section pg_autoctl", seen once in CI): read it again shortly after.
    private async Task ShortenPartitionTimeoutAsync(string node)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AutoCtlAsync("config", "set", "--pgdata", DataDirectory(node), "timeout.network_partition_timeout", NetworkPartitionTimeoutSeconds);
                return;
            }
            catch (InvalidOperationException ex) when (attempt < 5 && ex.Message.Contains("configuration file", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    /// <summary>
    /// Applications must log in with a password over TLS: the superuser gets one (it replicates to the standby), and
    /// the first lines of pg_hba.conf (copied to the standby by its base backup) demand it for the application database.
    /// </summary>
    private async Task RequirePasswordAsync()
    {
        await using (var connection = new NpgsqlConnection(LocalConnectionString("dc1", "nemlogin")))
        {
            await connection.OpenAsync();
            await using var alter = new NpgsqlCommand($"ALTER ROLE postgres PASSWORD '{_password}'", connection);
            await alter.ExecuteNonQueryAsync();
        }

        var hba = Path.Combine(DataDirectory("dc1"), "pg_hba.conf");
        string[] rules = ["hostssl nemlogin postgres 127.0.0.1/32 scram-sha-256", "host nemlogin postgres 127.0.0.1/32 reject"];
        await File.WriteAllLinesAsync(hba, [.. rules, .. await File.ReadAllLinesAsync(hba)]);
        await using (var connection = new NpgsqlConnection(LocalConnectionString("dc1", "nemlogin")))
        {
            await connection.OpenAsync();
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            await reload.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// The standby's base backup starts with a checkpoint on the primary, which pg_basebackup asks for spread over
    /// minutes; an immediate CHECKPOINT on the primary hurries it along.
    /// </summary>
    private async Task WaitForStandbyAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var states = await TryStatesAsync();
            if (states.TryGetValue("dc1", out var primary) && primary is ("primary", "primary")
                && states.TryGetValue("dc2", out var standby) && standby is ("secondary", "secondary"))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The standby did not join: {string.Join(", ", states)}.\n{LogTails()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(LocalConnectionString("dc1", "nemlogin"));
                await connection.OpenAsync();
                await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
                await checkpoint.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // The primary is reconfiguring; try again.
            }

            await Task.Delay(500);
        }
    }

    private async Task<IReadOnlyDictionary<string, (string Reported, string Assigned)>> TryStatesAsync()
    {
        try
        {
            return await StatesAsync();
        }
        catch (NpgsqlException)
        {
            return new Dictionary<string, (string, string)>();
        }
    }

    private ChildProcess Keeper(string name, string[] arguments)
    {
        var log = Path.Combine(_folder, name + ".log");
        return Environment.UserName == "root"
            ? ChildProcess.Start(log, KeeperEnvironment(), "setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", AutoCtl, .. arguments])
            : ChildProcess.Start(log, KeeperEnvironment(), AutoCtl, arguments);
    }

    private Task<string> AutoCtlAsync(params string[] arguments) =>
        ExternalCommand.RunAsPostgresAsync("env", [.. KeeperEnvironment().Select(kv => $"{kv.Key}={kv.Value}"), AutoCtl, .. arguments]);

    /// <summary>pg_autoctl keeps its configuration and state under the XDG folders: the formation's own, not the postgres user's home.</summary>
    private Dictionary<string, string> KeeperEnvironment() => new()
    {
        ["HOME"] = _folder,
        ["XDG_CONFIG_HOME"] = Path.Combine(_folder, "config"),
        ["XDG_DATA_HOME"] = Path.Combine(_folder, "share"),
        ["XDG_RUNTIME_DIR"] = Path.Combine(_folder, "run"),
        // The Unix socket folder of every server the keepers start.
        ["PG_REGRESS_SOCK_DIR"] = _folder,
    };

    private string[] TlsArguments() =>
        ["--ssl-ca-file", CaPath, "--server-cert", Path.Combine(_folder, "server.crt"), "--server-key", Path.Combine(_folder, "server.key"), "--ssl-mode", "verify-full"];

    private string MonitorUri() =>
        $"postgres://autoctl_node@127.0.0.1:{MonitorPort}/pg_auto_failover?sslmode=verify-full&sslrootcert={CaPath}";

    /// <summary>The monitor's database through its Unix socket (trust for local connections).</summary>
    private string MonitorConnectionString() => LocalConnectionString("monitor", "pg_auto_failover");

    private string LocalConnectionString(string server, string database) =>
        $"Host={_folder};Port={(server == "monitor" ? MonitorPort : NodePorts[server])};Username=postgres;Database={database};Timeout=5;Pooling=false";

    private string DataDirectory(string name) => Path.Combine(_folder, name);

    private int? PostmasterPid(string name)
    {
        var file = Path.Combine(DataDirectory(name), "postmaster.pid");
        try
        {
            if (!File.Exists(file))
            {
                return null;
            }

            // A stale file of a killed server: its pid may belong to another process by now.
            var pid = int.Parse(File.ReadLines(file).First(), CultureInfo.InvariantCulture);
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.Contains(DataDirectory(name), StringComparison.Ordinal) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string LogTails() => string.Join('\n', _keepers.Select(k => $"--- {k.Key}\n{k.Value.LogTail(1500)}"));

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new TimeoutException(what + $" within {Patience.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // SIGTERM: each keeper stops its PostgreSQL (fast shutdown) and exits.
        foreach (var keeper in _keepers.Values.Where(k => !k.HasExited))
        {
            keeper.Signal(Signals.Terminate);
        }

        foreach (var (name, keeper) in _keepers)
        {
            if (!await keeper.WaitForExitAsync(TimeSpan.FromSeconds(20)))
            {
                ProcessTree.KillAll(ProcessTree.Of(keeper.Pid));
            }

            if (PostmasterPid(name) is { } pid)
            {
                ProcessTree.KillAll([pid]);
            }
        }

        await Task.Delay(500);
        Directory.Delete(_folder, recursive: true);
    }
}
