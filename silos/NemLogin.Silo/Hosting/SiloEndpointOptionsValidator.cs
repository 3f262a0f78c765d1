using System.Net;
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

        if (AddressProblem("AdvertisedAddress", options.AdvertisedAddress, mustBeIp: false) is { } advertised)
        {
            failures.Add(advertised);
        }

        if (AddressProblem("ListenAddress", options.ListenAddress, mustBeIp: true) is { } listen)
        {
            failures.Add(listen);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Listening on 0.0.0.0 would offer the silo and gateway ports on every network the machine is on (docs/security.md).
    private static string? AddressProblem(string setting, string? value, bool mustBeIp)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!IPAddress.TryParse(value, out var address))
        {
            return mustBeIp ? $"Orleans:{setting} '{value}' is not an IP address." : null;
        }

        return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            ? $"Orleans:{setting} {value} means every interface: name the private address the silo and gateway ports belong on."
            : null;
    }
}
