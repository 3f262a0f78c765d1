using System.Net;
using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Transport;

/// <summary>
/// Refuses, at start-up, proxy settings that would let a client choose its own address or scheme: entries that do not
/// parse (silently dropped they would leave the proxy untrusted or, worse, look configured), a network that is every
/// address, and ASP.NET Core's own switch, which trusts every sender.
/// </summary>
internal sealed class TrustedProxyOptionsValidator(IConfiguration configuration) : IValidateOptions<TrustedProxyOptions>
{
    /// <summary>ASP.NET Core's <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, as the web host's configuration names it.</summary>
    internal const string AspNetCoreSwitch = "FORWARDEDHEADERS_ENABLED";

    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var failures = new List<string>();
        foreach (var proxy in options.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.");
            }
        }

        foreach (var network in options.KnownNetworks)
        {
            if (!IPNetwork.TryParse(network, out var parsed))
            {
                failures.Add($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (for example 10.0.0.0/24).");
            }
            else if (parsed.PrefixLength == 0)
            {
                failures.Add($"ForwardedHeaders:KnownNetworks: '{network}' is every address; any client could then name its own address and scheme.");
            }
        }

        if (options.ForwardLimit is < 1 or > TrustedProxyOptions.MaximumForwardLimit)
        {
            failures.Add($"ForwardedHeaders:ForwardLimit must be between 1 and {TrustedProxyOptions.MaximumForwardLimit} (was {options.ForwardLimit}).");
        }

        if (configuration.GetValue(AspNetCoreSwitch, false))
        {
            failures.Add(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED is set: ASP.NET Core would take forwarded headers from every sender. " +
                "Unset it and name the proxies in ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
