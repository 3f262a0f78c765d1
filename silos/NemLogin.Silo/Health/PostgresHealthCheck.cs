using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace NemLogin.Silo.Health;

/// <summary>The cluster database answers a query (membership and durable grain state live there).</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1 FROM nemlogin_schema LIMIT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer or has no NemLogin schema (run `db migrate`).", ex);
        }
    }
}
