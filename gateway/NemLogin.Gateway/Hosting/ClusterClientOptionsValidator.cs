using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NemLogin.ClusterTls;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// Every cluster setting of the gateway, checked before the host is built: all problems named at once. Outside
/// Development both stores must demand a password.
/// </summary>
internal sealed partial class ClusterClientOptionsValidator(bool passwordRequired) : IValidateOptions<ClusterClientOptions>
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

        if (ClusterStoreChecks.PostgresProblem(options.PostgresConnectionString, "PostgreSQL, where the gateway finds the silos", passwordRequired) is { } postgres)
        {
            failures.Add(postgres);
        }

        if (ClusterStoreChecks.RedisProblem(options.RedisConfiguration, "the data-protection keys all gateways share", passwordRequired) is { } redis)
        {
            failures.Add(redis);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex Label();
}
