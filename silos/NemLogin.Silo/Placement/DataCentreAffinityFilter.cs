using Orleans.Placement;

namespace NemLogin.Silo.Placement;

/// <summary>
/// Placement filter: a new activation goes to a silo of the data centre that received the request, when one is alive.
/// </summary>
public sealed class DataCentreAffinityFilter() : PlacementFilterStrategy(order: 0);
