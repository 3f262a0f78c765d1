using Microsoft.Extensions.Options;
using NemLogin.Gateway.Upstream.MitId;

namespace NemLogin.Gateway.Production;

/// <summary>
/// Outside Development people log in through MitID itself: an unset authority (which means the built-in simulator), an
/// authority at a simulator's path, or the simulator's published development secret stops the broker at start-up.
/// </summary>
internal sealed class UpstreamProductionGuard(IHostEnvironment environment) : IValidateOptions<MitIdUpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, MitIdUpstreamOptions options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Authority is null)
        {
            failures.Add(
                $"Upstream:MitId:Authority is not set, so logins would go to the built-in MitID simulator; outside Development " +
                $"(environment '{environment.EnvironmentName}') set it to MitID's issuer URL.");
        }
        else if (IsSimulator(options.Authority))
        {
            failures.Add(
                $"Upstream:MitId:Authority ({options.Authority}) is the built-in MitID simulator's address; outside Development " +
                $"(environment '{environment.EnvironmentName}') set it to MitID's issuer URL.");
        }

        if (options.ClientSecret == MitIdUpstreamOptions.SimulatorDevelopmentClientSecret)
        {
            failures.Add(
                $"Upstream:MitId:ClientSecret is the MitID simulator's published development secret; outside Development " +
                $"(environment '{environment.EnvironmentName}') set the secret MitID issued for Upstream:MitId:ClientId.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSimulator(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && uri.AbsolutePath.TrimEnd('/').EndsWith(MitIdUpstreamOptions.EmbeddedSimulatorPath, StringComparison.OrdinalIgnoreCase);
}
