using NemLogin.Grains.Placement;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace NemLogin.Silo.Placement;

/// <summary>
/// Keeps the silos labelled with the caller's data centre. With no label in the request (a grain-to-grain call or an
/// unlabelled client), or no live silo in that data centre (it is down), every candidate stays: the other data centre
/// serves rather than the call failing.
/// </summary>
internal sealed class DataCentreAffinityFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        if (target.RequestContextData is null
            || !target.RequestContextData.TryGetValue(DataCentreContext.RequestContextKey, out var value)
            || value is not string dataCentre)
        {
            return silos;
        }

        var candidates = silos.ToList();
        var local = candidates.Where(silo => InDataCentre(silo, dataCentre)).ToList();
        return local.Count > 0 ? local : candidates;
    }

    private bool InDataCentre(SiloAddress silo, string dataCentre) =>
        metadata.GetSiloMetadata(silo).Metadata.TryGetValue(DataCentreContext.SiloMetadataKey, out var label)
        && string.Equals(label, dataCentre, StringComparison.Ordinal);
}
