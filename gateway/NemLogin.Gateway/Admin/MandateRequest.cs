namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>POST /api/admin/mandates</c>: <c>grantor</c> and <c>grantee</c> as <c>{"cpr": …}</c> or <c>{"cvr": …}</c> (a person
/// grantor gives to a person only), <c>serviceProviders</c> (registered SAML entityIDs or OIDC client ids), optional
/// <c>privileges</c> (privilege URIs from those systems' catalogues; without them the mandate covers all of each
/// system), optional <c>validFrom</c> (default: now) and <c>validTo</c> (default: until revoked), optional <c>status</c>:
/// <c>active</c> (the default: granted) or <c>requested</c> (the grantee asks; the mandate waits for
/// <c>POST /api/admin/mandates/{id}/approve</c>). The request id (<see cref="IdempotencyKey"/>) is optional here: without
/// one each POST is a new grant.
/// </summary>
internal sealed record MandateRequest : IChangeRequest
{
    public PartyReference? Grantor { get; init; }

    public PartyReference? Grantee { get; init; }

    public IReadOnlyList<string>? ServiceProviders { get; init; }

    public IReadOnlyList<string>? Privileges { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    public string? Status { get; init; }

    public string? RequestId { get; init; }
}

/// <summary>A mandate's party: a person by CPR number or an organisation by CVR number; exactly one.</summary>
internal sealed record PartyReference
{
    public string? Cpr { get; init; }

    public string? Cvr { get; init; }
}
