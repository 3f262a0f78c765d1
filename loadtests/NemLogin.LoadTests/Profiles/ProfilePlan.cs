using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Profiles;

/// <summary>A profile made concrete: the load for all scenarios together, its warm-up, and stress criteria when it is a stress run.</summary>
public sealed record ProfilePlan(
    string Name,
    string Description,
    IReadOnlyList<LoadSimulation> Simulations,
    IReadOnlyList<LoadSimulation> WarmUp,
    StressCriteria? Stress);
