using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Profiles;

/// <summary>A profile's load split among scenarios by weight: rates scale, copies scale and round (at least one).</summary>
public static class SimulationShare
{
    public static IReadOnlyList<LoadSimulation> Scale(IEnumerable<LoadSimulation> simulations, double share)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        if (share is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), "A share is above 0 and at most 1.");
        }

        return [.. simulations.Select(s => s switch
        {
            Inject inject => inject with { Rate = inject.Rate * share },
            RampingInject ramp => ramp with { Rate = ramp.Rate * share },
            KeepConstant keep => keep with { Copies = Copies(keep.Copies, share) },
            RampingConstant ramp => ramp with { Copies = Copies(ramp.Copies, share) },
            _ => s,
        })];
    }

    private static int Copies(int copies, double share) => copies == 0 ? 0 : Math.Max(1, (int)Math.Round(copies * share, MidpointRounding.AwayFromZero));
}
