using NemLogin.Gateway.Upstream.MitId;
using Orleans;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Configuration of the embedded MitID simulator (section <c>MitIdSimulator</c>).</summary>
public sealed class MitIdSimulatorOptions
{
    public const string SectionName = MitIdUpstreamOptions.SimulatorSectionName;

    /// <summary>The client id under which the broker itself is registered by default.</summary>
    public const string BrokerClientId = "nemlogin-broker";

    /// <summary>The broker client's secret when none is configured. A development value: the simulator is not for production.</summary>
    public const string DevelopmentClientSecret = MitIdUpstreamOptions.SimulatorDevelopmentClientSecret;

    /// <summary>The secret of the default broker client (<see cref="BrokerClientId"/>).</summary>
    [Redact]
    public string ClientSecret { get; set; } = DevelopmentClientSecret;

    /// <summary>Further registered clients. A client registered here under <see cref="BrokerClientId"/> replaces the default one.</summary>
    public IList<MitIdSimulatorClient> Clients { get; } = [];

    /// <summary>A PKCS#12 or PEM file with the RSA signing key; when unset a key is generated in memory at start.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Password of <see cref="KeyFile"/> (PKCS#12 or encrypted PEM).</summary>
    [Redact]
    public string? KeyFilePassword { get; set; }

    /// <summary>How long a user may stay on the login page.</summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of an authorization code (short, RFC 6749 4.1.2 recommends at most 10 minutes).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Lifetime of issued ID tokens.</summary>
    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cap on login pages shown but not yet submitted; beyond it new authorizations get 503.</summary>
    public int MaxPendingAuthorizations { get; set; } = 50_000;

    /// <summary>Cap on issued, unredeemed codes; beyond it logins get 503.</summary>
    public int MaxCodes { get; set; } = 50_000;
}
