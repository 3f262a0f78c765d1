using Npgsql;
using StackExchange.Redis;

namespace NemLogin.ClusterTls;

/// <summary>
/// The checks silos and gateways apply to their store connection strings at start-up. Outside Development a store must
/// demand a password: anyone who reaches an open PostgreSQL could rewrite membership or grain state. Messages name the
/// offending keyword, never the value.
/// </summary>
public static class ClusterStoreChecks
{
    /// <param name="purpose">What the process uses PostgreSQL for, in the message of a missing string.</param>
    public static string? PostgresProblem(string? connectionString, string purpose, bool passwordRequired)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"ConnectionStrings:Orleans ({purpose}) is required in cluster mode.";
        }

        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(parsed.Host))
            {
                return "ConnectionStrings:Orleans names no Host.";
            }

            return passwordRequired && string.IsNullOrEmpty(parsed.Password) && string.IsNullOrEmpty(parsed.Passfile)
                ? "ConnectionStrings:Orleans has no Password (or Passfile): outside Development PostgreSQL must demand one (docs/security.md)."
                : null;
        }
        catch (ArgumentException ex)
        {
            return $"ConnectionStrings:Orleans is not a valid PostgreSQL connection string: {ex.Message}";
        }
    }

    /// <param name="purpose">What the process uses Redis for, in the message of a missing string.</param>
    public static string? RedisProblem(string? configuration, string purpose, bool passwordRequired)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return $"ConnectionStrings:Redis ({purpose}) is required in cluster mode.";
        }

        try
        {
            var parsed = ConfigurationOptions.Parse(configuration);
            if (parsed.EndPoints.Count == 0)
            {
                return "ConnectionStrings:Redis names no endpoint.";
            }

            return passwordRequired && string.IsNullOrEmpty(parsed.Password)
                ? "ConnectionStrings:Redis has no password: outside Development Redis must demand one (requirepass or an ACL user; docs/security.md)."
                : null;
        }
        catch (ArgumentException ex)
        {
            return $"ConnectionStrings:Redis is not a valid Redis configuration: {ex.Message}";
        }
    }
}
