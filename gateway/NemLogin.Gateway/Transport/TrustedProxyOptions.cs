namespace NemLogin.Gateway.Transport;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> the broker believes (section
/// <c>ForwardedHeaders</c>). Empty, the default: nobody's. The headers are then ignored and the connection's own address
/// and scheme count, because anyone can send them (README, 'Behind a reverse proxy').
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>The largest chain of proxies the broker unwinds.</summary>
    public const int MaximumForwardLimit = 10;

    /// <summary>Addresses of the proxies in front of the broker (IPv4 or IPv6), e.g. <c>10.0.0.10</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks the proxies live in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>
    /// How many addresses of <c>X-Forwarded-For</c> are taken, from the right; every one but the last must itself be a
    /// known proxy. 1: one proxy in front, whose view of the client is the truth (what the client wrote is not).
    /// </summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>True when any proxy is configured, i.e. forwarded headers are honoured at all.</summary>
    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
