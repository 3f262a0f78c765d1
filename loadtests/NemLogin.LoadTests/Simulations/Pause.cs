namespace NemLogin.LoadTests.Simulations;

/// <summary>Starts nothing for <paramref name="During"/>; iterations already running finish.</summary>
public sealed record Pause(TimeSpan During) : LoadSimulation(During)
{
    public override string Describe() => $"pause {Seconds(During)}";
}
