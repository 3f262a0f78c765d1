using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Signing;
using Orleans.Metadata;

namespace NemLogin.Silo.Placement;

/// <summary>
/// Applies <see cref="DataCentreAffinityFilter"/> to the grains a browser talks to during a login (its session and its
/// login flow) and to a site's signer (<see cref="SiteSignerGrain"/>, which a silo calls with the site that holds a key as
/// the request's data centre). Declared here, in the cluster host, because only cluster mode has data centres.
/// </summary>
internal sealed class DataCentreAffinityProperties(IServiceProvider services) : IGrainPropertiesProvider
{
    private static readonly Type[] PlacedInReceivingDataCentre = [typeof(SessionGrain), typeof(LoginFlowGrain), typeof(SiteSignerGrain)];

    public void Populate(Type grainClass, GrainType grainType, Dictionary<string, string> properties)
    {
        if (PlacedInReceivingDataCentre.Contains(grainClass))
        {
            new DataCentreAffinityFilter().PopulateGrainProperties(services, grainClass, grainType, properties);
        }
    }
}
