namespace NemLogin.LoadTests.Simulations;

/// <summary>Moves the number of looping copies linearly from where the previous step left it (0 at the start) to <paramref name="Copies"/>.</summary>
public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation(During)
{
    public override string Describe() => $"ramp copies to {Copies} over {Seconds(During)}";
}
