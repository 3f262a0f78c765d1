using System.Globalization;

namespace NemLogin.LoadTests.Simulations;

/// <summary>Moves the injection rate linearly from where the previous step left it (0 at the start) to <paramref name="Rate"/>.</summary>
public sealed record RampingInject(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During)
{
    public override string Describe() => $"ramp injection to {Rate.ToString("0.##", CultureInfo.InvariantCulture)}/{Seconds(Interval)} over {Seconds(During)}";
}
