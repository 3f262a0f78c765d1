using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.Sessions;
using Orleans.Metadata;

namespace NemLogin.Silo.Placement;

/// <summary>
/// Applies <see cref="DataCentreAffinityFilter"/> to the grains a browser talks to during a login: its session and its
/// login flow. Declared here, in the cluster host, because only cluster mode has data centres.
/// </summary>
internal sealed class DataCentreAffinityProperties(IServiceProvider services) : IGrainPropertiesProvider
{
    private static readonly Type[] PlacedInReceivingDataCentre = [typeof(SessionGrain), typeof(LoginFlowGrain)];

    public void Populate(Type grainClass, GrainType grainType, Dictionary<string, string> properties)
    {
        if (PlacedInReceivingDataCentre.Contains(grainClass))
        {
            new DataCentreAffinityFilter().PopulateGrainProperties(services, grainClass, grainType, properties);
        }
    }
}
