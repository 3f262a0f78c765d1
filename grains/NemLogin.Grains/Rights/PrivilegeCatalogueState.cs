using System.Collections.Immutable;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Rights;

[GenerateSerializer, Alias("nl.privilege.catalogue.state")]
public sealed record PrivilegeCatalogueState
{
    [Id(0)] public PrivilegeCatalogue? Catalogue { get; init; }

    [Id(1)] public ImmutableArray<ChangeReceipt> Requests { get; init; } = [];
}
