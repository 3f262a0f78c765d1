using System.ComponentModel.DataAnnotations;

namespace NemLogin.Gateway.Hosting;

/// <summary>Per-client-address request limits on the public endpoints (section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests a client address may make per second, sustained.</summary>
    [Range(1, 100_000)]
    public int PerAddressPerSecond { get; set; } = 20;

    /// <summary>Requests a client address may make in a burst above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int PerAddressBurst { get; set; } = 60;

    /// <summary>
    /// Loopback clients are exempt by default: the co-located load runner and local tests are not attackers, and a
    /// reverse proxy on the same host must forward the real address (ForwardedHeaders) for limits to mean anything.
    /// </summary>
    public bool LimitLoopback { get; set; }
}
