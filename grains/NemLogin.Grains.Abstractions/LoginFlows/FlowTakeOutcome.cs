namespace NemLogin.Grains.LoginFlows;

/// <summary>What taking a login flow came to. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.flow.take-outcome")]
public enum FlowTakeOutcome
{
    /// <summary>Taken: the flow is gone and the caller resumes it.</summary>
    Taken = 0,

    /// <summary>No live flow: never started, expired or already taken.</summary>
    Unknown = 1,

    /// <summary>Another browser started it: nothing changed, the flow still waits for its own browser.</summary>
    OtherBrowser = 2,
}
