namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>POST /api/admin/organisations/{cvr}/employees</c>: a new business identity. <c>loa</c> is Low, Substantial or High;
/// <c>productionUnit</c> and <c>seNumber</c> are optional and must be the organisation's; <c>person</c> is optional.
/// </summary>
internal sealed record EmployeeRequest : IChangeRequest
{
    public string? Loa { get; init; }

    public string? ProductionUnit { get; init; }

    public string? SeNumber { get; init; }

    public PersonReference? Person { get; init; }

    public string? RequestId { get; init; }
}
