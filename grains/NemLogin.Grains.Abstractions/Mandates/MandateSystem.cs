using System.Collections.Immutable;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Mandates;

/// <summary>
/// One IT system a mandate covers, with the privileges of its catalogue the grantee may use for the grantor; an empty
/// list covers all of the system (every privilege its catalogue lists at the time of the login).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.mandate.system")]
public sealed record MandateSystem(
    [property: Id(0)] ItSystem System,
    [property: Id(1)] ImmutableArray<string> Privileges)
{
    public bool CoversAll => Privileges.IsDefaultOrEmpty;
}
