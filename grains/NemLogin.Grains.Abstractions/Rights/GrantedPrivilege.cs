using System.Collections.Immutable;

namespace NemLogin.Grains.Rights;

/// <summary>One right as a login carries it: the privilege URI, its scope, and the catalogue's constraints on it.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.right.granted")]
public sealed record GrantedPrivilege(
    [property: Id(0)] string Privilege,
    [property: Id(1)] RightScope Scope,
    [property: Id(2)] ImmutableArray<PrivilegeConstraint> Constraints);
