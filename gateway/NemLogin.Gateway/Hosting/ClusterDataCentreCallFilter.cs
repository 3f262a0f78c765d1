using NemLogin.Grains.Placement;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// Stamps every grain call from this gateway with its data centre, so a session or login flow that does not exist yet
/// is activated in the data centre that received the browser's request (the silos' placement filter reads it).
/// </summary>
internal sealed class ClusterDataCentreCallFilter(string dataCentre) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        RequestContext.Set(DataCentreContext.RequestContextKey, dataCentre);
        return context.Invoke();
    }
}
