namespace NemLogin.Gateway.Signing;

/// <summary>The gateway's side of signing, bound from the <c>Signing</c> section (the silo's keys live in the same section).</summary>
public sealed class GatewaySigningOptions
{
    public const string SectionName = "Signing";

    /// <summary>How long the gateway reuses the published key list; a promotion reaches SAML signing within this time.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
