using System.Collections.Immutable;

namespace NemLogin.Grains.Rights;

/// <summary>One privilege an IT system defines: its URI (what the assertion carries), a name for administrators, constraints.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.privilege")]
public sealed record Privilege(
    [property: Id(0)] string Uri,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableArray<PrivilegeConstraint> Constraints);
