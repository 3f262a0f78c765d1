namespace NemLogin.Gateway.Admin;

internal sealed record PrivilegeConstraintDocument
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}
