namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>OpenIddict's view of a token entry; mapped to <see cref="NemLogin.Grains.Oidc.OidcTokenEntry"/>.</summary>
public sealed class OidcToken
{
    public string Id { get; set; } = string.Empty;
    public string? ApplicationId { get; set; }
    public string? AuthorizationId { get; set; }
    public string? Subject { get; set; }
    public string? Type { get; set; }
    public string? Status { get; set; }
    public string? Payload { get; set; }
    public string? ReferenceId { get; set; }
    public DateTimeOffset? CreationDate { get; set; }
    public DateTimeOffset? ExpirationDate { get; set; }
    public DateTimeOffset? RedemptionDate { get; set; }
    public string? Properties { get; set; }

    /// <summary>The stored version this copy was read at; 0 until created.</summary>
    public int Version { get; set; }
}
