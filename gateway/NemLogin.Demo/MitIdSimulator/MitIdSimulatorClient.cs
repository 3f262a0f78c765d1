namespace NemLogin.Demo.MitIdSimulator;

/// <summary>A relying party registered at the simulator.</summary>
public sealed class MitIdSimulatorClient
{
    public string ClientId { get; set; } = "";

    /// <summary>
    /// Compared, never printed. Orleans' options formatter lists only the settable properties of
    /// <see cref="MitIdSimulatorOptions"/> (not this list), so a [Redact] here would do nothing.
    /// </summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Redirect URIs, matched exactly (OIDC Core 3.1.2.1, RFC 9700 2.1).</summary>
    public IList<string> RedirectUris { get; } = [];
}
