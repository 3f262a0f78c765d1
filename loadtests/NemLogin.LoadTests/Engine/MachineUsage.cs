namespace NemLogin.LoadTests.Engine;

/// <summary>
/// How busy the whole machine was during the measured run, in cores, and how much of that was neither the broker nor
/// the runner: a benchmark is only clean when that rest is near zero.
/// </summary>
public sealed record MachineUsage(int Cores, double BusyCores, double BrokerCores, double RunnerCores)
{
    /// <summary>Cores used by everything else on the machine (other tests, builds, services).</summary>
    public double OtherCores => Math.Max(0, BusyCores - BrokerCores - RunnerCores);
}
