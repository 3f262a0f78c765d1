using Npgsql;

namespace NemLogin.ClusterTls;

/// <summary>
/// The connection string Orleans' membership table is read and written through: the cluster's own, with an application
/// name of its own, so that Npgsql (which pools by connection string) gives membership a small pool apart from grain
/// state. When the PostgreSQL primary's machine hangs, every pooled grain-state connection waits for its command
/// timeout; in a shared pool the writes that declare the lost site's silos dead waited behind them (a partition took
/// 60 s to declare a silo dead instead of about 15, docs/reliability.md). A short command timeout makes a membership
/// call on a hung primary give up in time for the next probe round.
/// </summary>
public static class MembershipConnectionString
{
    /// <summary>The application name PostgreSQL shows for membership connections (<c>pg_stat_activity</c>).</summary>
    public const string ApplicationName = "nemlogin-membership";

    private const int MaxPoolSize = 4;
    private const int CommandTimeoutSeconds = 5;

    /// <returns>An empty string for none (the stores' start-up check names what is missing).</returns>
    public static string From(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "";
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            MaxPoolSize = MaxPoolSize,
        };
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, MaxPoolSize);
        builder.CommandTimeout = builder.CommandTimeout is > 0 and < CommandTimeoutSeconds ? builder.CommandTimeout : CommandTimeoutSeconds;
        return builder.ConnectionString;
    }
}
