namespace NemLogin.LoadTests.Simulations;

/// <summary>
/// One step of a scenario's load shape, in NBomber's vocabulary. Open-model steps (<see cref="Inject"/>,
/// <see cref="RampingInject"/>) start new scenario iterations at a rate whatever the broker answers; closed-model
/// steps (<see cref="KeepConstant"/>, <see cref="RampingConstant"/>) keep a number of copies looping.
/// Steps are chained: each starts where the previous one ended.
/// </summary>
public abstract record LoadSimulation(TimeSpan During)
{
    /// <summary>A short human description for reports, e.g. "inject 116/1s for 60s".</summary>
    public abstract string Describe();

    protected static string Seconds(TimeSpan span) => Configuration.DurationText.Format(span);
}
