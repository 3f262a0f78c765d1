namespace NemLogin.Gateway.Admin;

/// <summary>A page of an organisation's employees, in creation order; <c>total</c> counts all (revoked too).</summary>
internal sealed record EmployeeList(IReadOnlyList<EmployeeDocument> Employees, int Offset, int Total);
