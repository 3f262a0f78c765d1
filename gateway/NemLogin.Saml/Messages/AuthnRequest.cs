namespace NemLogin.Saml.Messages;

/// <summary>A SAML 2.0 AuthnRequest (SAML Core 3.4.1) as written by a service provider or read by the broker.</summary>
public sealed record AuthnRequest
{
    /// <summary>The request ID; a fresh random one unless set. Empty when a received request carried none.</summary>
    public string Id { get; init; } = SamlId.New();

    public required DateTimeOffset IssueInstant { get; init; }

    public string? Destination { get; init; }

    /// <summary>The service provider's entity ID; empty when a received request carried none.</summary>
    public required string Issuer { get; init; }

    /// <summary>The Issuer's Format attribute; OIOSAML allows it absent or the entity format.</summary>
    public string? IssuerFormat { get; init; }

    public string? AssertionConsumerServiceUrl { get; init; }

    public int? AssertionConsumerServiceIndex { get; init; }

    public string? ProtocolBinding { get; init; }

    public bool ForceAuthn { get; init; }

    public bool IsPassive { get; init; }

    public string? NameIdPolicyFormat { get; init; }

    public bool? AllowCreate { get; init; }

    public RequestedAuthnContext? RequestedAuthnContext { get; init; }
}
