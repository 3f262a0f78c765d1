using System.Globalization;

namespace NemLogin.LoadTests.Simulations;

/// <summary>Starts <paramref name="Rate"/> iterations every <paramref name="Interval"/>, spread evenly, for <paramref name="During"/>.</summary>
public sealed record Inject(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During)
{
    public override string Describe() => $"inject {Rate.ToString("0.##", CultureInfo.InvariantCulture)}/{Seconds(Interval)} for {Seconds(During)}";
}
