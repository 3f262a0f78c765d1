using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace NemLogin.Gateway.Hosting;

/// <summary>Every cluster setting of the gateway, checked before the host is built: all problems named at once.</summary>
internal sealed partial class ClusterClientOptionsValidator : IValidateOptions<ClusterClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterClientOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Orleans:ClusterId is required: silos and gateways of one broker share it.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Orleans:ServiceId is required and must match the silos'.");
        }

        if (string.IsNullOrWhiteSpace(options.DataCentre))
        {
            failures.Add("DataCenter:Name is required in cluster mode (for example DC1 or DC2).");
        }
        else if (!Label().IsMatch(options.DataCentre))
        {
            failures.Add($"DataCenter:Name '{options.DataCentre}' must be 1-16 letters, digits or hyphens (for example DC1).");
        }

        failures.AddRange(PostgresProblems(options.PostgresConnectionString));
        failures.AddRange(RedisProblems(options.RedisConfiguration));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> PostgresProblems(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            yield return "ConnectionStrings:Orleans (PostgreSQL, where the gateway finds the silos) is required in cluster mode.";
            yield break;
        }

        string? problem = null;
        try
        {
            if (string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host))
            {
                problem = "ConnectionStrings:Orleans names no Host.";
            }
        }
        catch (ArgumentException ex)
        {
            problem = $"ConnectionStrings:Orleans is not a valid PostgreSQL connection string: {ex.Message}";
        }

        if (problem is not null)
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> RedisProblems(string? configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            yield return "ConnectionStrings:Redis (the data-protection keys all gateways share) is required in cluster mode.";
            yield break;
        }

        string? problem = null;
        try
        {
            if (ConfigurationOptions.Parse(configuration).EndPoints.Count == 0)
            {
                problem = "ConnectionStrings:Redis names no endpoint.";
            }
        }
        catch (ArgumentException ex)
        {
            problem = $"ConnectionStrings:Redis is not a valid Redis configuration: {ex.Message}";
        }

        if (problem is not null)
        {
            yield return problem;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex Label();
}
