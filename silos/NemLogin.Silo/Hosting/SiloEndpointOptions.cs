namespace NemLogin.Silo.Hosting;

/// <summary>The silo's cluster identity and ports, from the <c>Orleans</c> configuration section.</summary>
public sealed class SiloEndpointOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port the gateways (Orleans clients) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Which cluster the silo joins; silos of both data centres share one.</summary>
    public string ClusterId { get; set; } = "nemlogin";

    /// <summary>Which service's grain state the silo reads; stable for the life of the deployment.</summary>
    public string ServiceId { get; set; } = "nemlogin";

    /// <summary>
    /// The address other silos and the gateways reach this silo on: an IP address or a host name resolved at start.
    /// Empty: the machine's host name.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// The IP address the silo and gateway ports listen on: a private address of this machine, never every interface.
    /// Empty: the advertised address (right whenever the machine owns the address it advertises; behind NAT name the
    /// local one).
    /// </summary>
    public string? ListenAddress { get; set; }
}
