namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>PUT /api/admin/organisations/{cvr}</c>: the whole organisation. <c>status</c> is Active (the default), Suspended or
/// Closed; <c>administrators</c> are business identity ids of its employees.
/// </summary>
internal sealed record OrganisationRequest : IChangeRequest
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? ProductionUnits { get; init; }

    public IReadOnlyList<string>? SeNumbers { get; init; }

    public string? Status { get; init; }

    public IReadOnlyList<Guid>? Administrators { get; init; }

    public string? RequestId { get; init; }
}
