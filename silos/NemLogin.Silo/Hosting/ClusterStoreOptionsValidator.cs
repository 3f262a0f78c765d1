using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace NemLogin.Silo.Hosting;

/// <summary>Both stores are required in cluster mode; a malformed string fails the start, not the first login.</summary>
internal sealed class ClusterStoreOptionsValidator : IValidateOptions<ClusterStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterStoreOptions options)
    {
        var failures = new List<string>();
        if (PostgresProblem(options.Orleans) is { } postgres)
        {
            failures.Add(postgres);
        }

        if (RedisProblem(options.Redis) is { } redis)
        {
            failures.Add(redis);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static string? PostgresProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "ConnectionStrings:Orleans (PostgreSQL: membership and durable grain state) is required in cluster mode.";
        }

        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(parsed.Host) ? "ConnectionStrings:Orleans names no Host." : null;
        }
        catch (ArgumentException ex)
        {
            // The message names the offending keyword, never the password.
            return $"ConnectionStrings:Orleans is not a valid PostgreSQL connection string: {ex.Message}";
        }
    }

    internal static string? RedisProblem(string? configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return "ConnectionStrings:Redis (sessions and login flows) is required in cluster mode.";
        }

        try
        {
            return ConfigurationOptions.Parse(configuration).EndPoints.Count == 0 ? "ConnectionStrings:Redis names no endpoint." : null;
        }
        catch (ArgumentException ex)
        {
            return $"ConnectionStrings:Redis is not a valid Redis configuration: {ex.Message}";
        }
    }
}
