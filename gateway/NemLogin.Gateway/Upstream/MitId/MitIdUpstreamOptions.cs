using Orleans;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>How the broker reaches MitID as an OpenID Connect relying party (section <c>Upstream:MitId</c>).</summary>
public sealed class MitIdUpstreamOptions
{
    public const string SectionName = "Upstream:MitId";

    /// <summary>The path of the embedded MitID simulator, used as authority when <see cref="Authority"/> is unset.</summary>
    public const string EmbeddedSimulatorPath = "/mitid-sim";

    /// <summary>
    /// The MitID simulator's published development secret (the demo's simulator defaults to it). Known here because the
    /// gateway defaults to it against the embedded simulator and refuses it outside Development; the gateway does not
    /// reference the demo.
    /// </summary>
    public const string SimulatorDevelopmentClientSecret = "mitid-simulator-development-secret";

    /// <summary>The configuration section of the demo's MitID simulator, whose secret the embedded default shares.</summary>
    public const string SimulatorSectionName = "MitIdSimulator";

    /// <summary>MitID's issuer. Unset: the embedded simulator at the broker's own <c>/mitid-sim</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The authorization endpoint. Unset: <c>{Authority}/authorize</c>. Configured rather than discovered because
    /// building the redirect is synchronous and must not wait on the network.
    /// </summary>
    public string? AuthorizationEndpoint { get; set; }

    public string ClientId { get; set; } = "nemlogin-broker";

    /// <summary>The client secret for <c>client_secret_basic</c>. Against the embedded simulator it defaults to the simulator's.</summary>
    [Redact]
    public string? ClientSecret { get; set; }

    public string Scope { get; set; } = "openid profile";

    /// <summary>Allowed clock difference when checking ID token times.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the discovery document and keys are cached before they are fetched again.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(1);
}
