namespace NemLogin.LoadTests.Simulations;

/// <summary>What a phase of a plan does: start iterations at a rate, keep copies looping, or nothing.</summary>
public enum PhaseKind
{
    Open,
    Closed,
    Pause,
}
