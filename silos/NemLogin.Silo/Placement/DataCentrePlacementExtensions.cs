using NemLogin.Grains.Placement;
using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace NemLogin.Silo.Placement;

internal static class DataCentrePlacementExtensions
{
    /// <summary>Labels the silo with its data centre and places sessions and login flows in the receiving one.</summary>
    public static ISiloBuilder AddNemLoginDataCentrePlacement(this ISiloBuilder silo, string dataCentre)
    {
        silo.UseSiloMetadata(new Dictionary<string, string> { [DataCentreContext.SiloMetadataKey] = dataCentre });
        silo.Services.AddPlacementFilter<DataCentreAffinityFilter, DataCentreAffinityFilterDirector>(ServiceLifetime.Transient);
        silo.Services.AddSingleton<IGrainPropertiesProvider, DataCentreAffinityProperties>();
        return silo;
    }
}
