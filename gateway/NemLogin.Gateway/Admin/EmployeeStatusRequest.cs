namespace NemLogin.Gateway.Admin;

/// <summary><c>PUT …/employees/{id}/status</c>: Active or Suspended (revoking is <c>DELETE …/employees/{id}</c>).</summary>
internal sealed record EmployeeStatusRequest : IChangeRequest
{
    public string? Status { get; init; }

    public string? RequestId { get; init; }
}
