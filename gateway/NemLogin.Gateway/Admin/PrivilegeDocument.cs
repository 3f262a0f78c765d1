using NemLogin.Grains.Rights;

namespace NemLogin.Gateway.Admin;

/// <summary>One privilege of a catalogue: its URI, a name for administrators, and constraints (name/value pairs).</summary>
internal sealed record PrivilegeDocument
{
    public string? Uri { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<PrivilegeConstraintDocument>? Constraints { get; init; }

    public static PrivilegeDocument From(Privilege p) => new()
    {
        Uri = p.Uri,
        Name = p.Name,
        Constraints = [.. p.Constraints.Select(c => new PrivilegeConstraintDocument { Name = c.Name, Value = c.Value })],
    };

    public Privilege ToPrivilege() => new(
        Uri ?? string.Empty, Name ?? string.Empty, [.. (Constraints ?? []).Select(c => new PrivilegeConstraint(c?.Name ?? string.Empty, c?.Value ?? string.Empty))]);
}
