using Microsoft.Extensions.Options;

namespace NemLogin.Silo.Hosting;

internal sealed class SiloEndpointOptionsValidator : IValidateOptions<SiloEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloEndpointOptions options)
    {
        var failures = new List<string>();
        if (options.SiloPort is <= 0 or > 65535)
        {
            failures.Add($"Orleans:SiloPort must be a port between 1 and 65535 (was {options.SiloPort}).");
        }

        if (options.GatewayPort is <= 0 or > 65535)
        {
            failures.Add($"Orleans:GatewayPort must be a port between 1 and 65535 (was {options.GatewayPort}).");
        }

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"Orleans:SiloPort and Orleans:GatewayPort must differ (both are {options.SiloPort}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Orleans:ClusterId is required: silos and gateways of one broker share it.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Orleans:ServiceId is required: it keys all grain state and must never change.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
