using System.Collections.Immutable;

namespace NemLogin.Grains.Rights;

/// <summary>The privileges an IT system's provider defines, as stored (ordered by URI).</summary>
[GenerateSerializer, Immutable]
[Alias("nl.privilege.catalogue.record")]
public sealed record PrivilegeCatalogue(
    [property: Id(0)] ItSystem System,
    [property: Id(1)] ImmutableArray<Privilege> Privileges,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset UpdatedAt)
{
    public Privilege? Find(string uri) => Privileges.FirstOrDefault(p => string.Equals(p.Uri, uri, StringComparison.Ordinal));
}
