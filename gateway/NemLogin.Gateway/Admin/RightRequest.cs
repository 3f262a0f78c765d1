namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>PUT</c> (grant) or <c>DELETE</c> (revoke) <c>…/employees/{id}/rights</c>: the IT system (<c>serviceProvider</c>, an
/// entityID, or <c>oidcClient</c>, a client_id: exactly one), the privilege URI from its catalogue, and the scope as the
/// OIO Basic Privilege Profile writes it (<c>urn:dk:gov:saml:cvrNumberIdentifier:…</c>, <c>…productionUnitIdentifier:…</c>,
/// <c>…seNumberIdentifier:…</c>).
/// </summary>
internal sealed record RightRequest : IChangeRequest
{
    public string? ServiceProvider { get; init; }

    public string? OidcClient { get; init; }

    public string? Privilege { get; init; }

    public string? Scope { get; init; }

    public string? RequestId { get; init; }
}
