using Npgsql;
using NemLogin.ClusterTls;

namespace NemLogin.Silo.Database;

/// <summary>
/// The silo host's <c>db</c> verb: <c>NemLogin.Silo db migrate</c> creates or updates the cluster schema in the
/// database named by <c>ConnectionStrings:Orleans</c> (configuration files, environment, or <c>--ConnectionStrings:Orleans=…</c>).
/// </summary>
internal static class DatabaseCommand
{
    public static bool IsDatabaseCommand(string[] args) => args.Length > 0 && args[0] == "db";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1] != "migrate")
        {
            await Console.Error.WriteLineAsync("Usage: NemLogin.Silo db migrate [--ConnectionStrings:Orleans=<Npgsql connection string>]");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(args[2..]);
        var connectionString = builder.Configuration.GetConnectionString("Orleans");
        if (ClusterStoreChecks.PostgresProblem(connectionString, "PostgreSQL", passwordRequired: false) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            var version = await DatabaseMigrator.MigrateAsync(connectionString!, stop.Token);
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            // Several hosts (a failover pair) carry their ports in Host; the migration ran on whichever was primary.
            var where = target.Host!.Contains(',', StringComparison.Ordinal) ? target.Host : $"{target.Host}:{target.Port}";
            await Console.Out.WriteLineAsync($"Cluster schema version {version} is in place in database '{target.Database}' on {where}.");
            return 0;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"Migrating the cluster schema failed: {ex.Message}");
            return 1;
        }
    }
}
