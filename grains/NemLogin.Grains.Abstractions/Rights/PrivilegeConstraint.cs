namespace NemLogin.Grains.Rights;

/// <summary>A constraint of a privilege as the OIO Basic Privilege Profile carries it: a name and a value.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.privilege.constraint")]
public sealed record PrivilegeConstraint(
    [property: Id(0)] string Name,
    [property: Id(1)] string Value);
