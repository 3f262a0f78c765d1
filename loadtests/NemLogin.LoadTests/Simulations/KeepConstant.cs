namespace NemLogin.LoadTests.Simulations;

/// <summary>Keeps <paramref name="Copies"/> virtual users looping the scenario back to back (closed model).</summary>
public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation(During)
{
    public override string Describe() => $"keep {Copies} copies for {Seconds(During)}";
}
